package io.turno.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.turno.shared.Actor;
import io.turno.shared.TenantId;

/**
 * Payments as other modules take them (seed 004: a reservation holds its slot, charges, then
 * confirms or releases). Call {@link #charge} outside a transaction: a card provider may take
 * seconds, and only an approved charge writes anything.
 */
public interface Payments {

    enum ChargeStatus {
        APPROVED,
        DECLINED,
        TIMED_OUT
    }

    /**
     * @param cardToken      the tokenized card for {@code CARD} charged online; null for money taken in person
     * @param idempotencyKey the caller's key for this charge: sending it again never charges twice and
     *                       answers the payment already recorded
     * @param concept        what is paid, as the receipt says it; null: "Cita"
     */
    record ChargeRequest(
            UUID appointmentId,
            UUID customerId,
            BigDecimal amount,
            String currency,
            PaymentMethod method,
            String cardToken,
            String idempotencyKey,
            String concept) {}

    /**
     * {@code payment} is the recorded payment (and receipt) when APPROVED, null otherwise. DECLINED
     * and TIMED_OUT record nothing: the slot may be released. After TIMED_OUT the provider may still
     * have taken the money; retrying with the same idempotency key settles it.
     */
    record ChargeResult(ChargeStatus status, PaymentView payment, String reason) {}

    /**
     * @throws io.turno.shared.NotFound when the tenant has no such customer
     * @throws io.turno.shared.BusinessException (422) when {@code appointmentId} names no appointment of the
     *         tenant ({@link PayableAppointments}); nothing is charged
     * @throws jakarta.validation.ConstraintViolationException when the request is not valid (422)
     */
    ChargeResult charge(TenantId tenant, ChargeRequest request, Actor actor);

    /** The appointment's payments, oldest first (partial payments are several). */
    List<PaymentView> paymentsFor(TenantId tenant, UUID appointmentId);

    /** What was paid for the appointment net of refunds, in its payments' currency (zero when none). */
    BigDecimal netPaid(TenantId tenant, UUID appointmentId);
}
