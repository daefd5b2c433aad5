package io.turno.billing;

import java.math.BigDecimal;
import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * A payment provider: takes a charge and answers whether the money was taken. Implementations are
 * beans; {@link Payments} picks the first that {@link #handles} the charge. A provider is called
 * outside any database transaction, and must answer {@link Outcome#TIMED_OUT} rather than throw
 * when it cannot tell: the same {@code idempotencyKey} may then be sent again safely.
 */
public interface PaymentGateway {

    enum Outcome {
        APPROVED,
        DECLINED,
        TIMED_OUT
    }

    /** {@code cardToken} is the card as the provider's web form tokenized it (never a card number). */
    record Charge(
            TenantId tenant,
            UUID appointmentId,
            BigDecimal amount,
            String currency,
            PaymentMethod method,
            String cardToken,
            String idempotencyKey,
            String description) {}

    /** {@code reference}: the provider's id of the charge; {@code reason}: why it was declined or not answered. */
    record Result(Outcome outcome, String reference, String reason) {}

    boolean handles(Charge charge);

    Result charge(Charge charge);
}
