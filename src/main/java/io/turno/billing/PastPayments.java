package io.turno.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.turno.shared.Actor;
import io.turno.shared.TenantId;

/**
 * Payments taken before Turno recorded them, each written at the time it was taken: how the demo
 * organization gets its past week of paid appointments (scheduling's demo seeding). Narrow on purpose:
 * no provider is called (the money was taken), no till session is involved, and no {@link
 * PaymentReceived} is published (nobody is mailed a receipt for last week's visit). Otherwise each is a
 * payment like any other: audited, and numbered with the organization's next receipt numbers,
 * consecutive and in the order the payments were received; the daily cash report of their day counts
 * them.
 */
public interface PastPayments {

    /**
     * @param reference      a card voucher's or a transfer's number, or null
     * @param receivedAt     when the money was taken: not after now
     * @param idempotencyKey the caller's key for this payment: a key already recorded is skipped
     */
    record PastPayment(
            UUID appointmentId,
            UUID customerId,
            BigDecimal amount,
            String currency,
            PaymentMethod method,
            String reference,
            Instant receivedAt,
            String idempotencyKey) {}

    /**
     * Records, in one transaction (the caller's when there is one), those of the payments whose
     * idempotency key is new; answers them by receipt number.
     *
     * @throws io.turno.shared.NotFound when a customer is not the tenant's
     * @throws io.turno.shared.BusinessException (422) when a payment is not valid (an amount, a currency, a
     *         time after now): nothing is recorded
     */
    List<PaymentView> recordPast(TenantId tenant, List<PastPayment> payments, Actor actor);
}
