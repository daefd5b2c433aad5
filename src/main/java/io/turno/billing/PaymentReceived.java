package io.turno.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** A payment was recorded (with its receipt); {@code appointmentId} is null for a payment of no appointment. */
public record PaymentReceived(
        TenantId tenantId,
        UUID paymentId,
        long receiptNumber,
        UUID appointmentId,
        UUID customerId,
        PaymentMethod method,
        BigDecimal amount,
        String currency,
        Instant receivedAt)
        implements TenantEvent {}
