package io.turno.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A payment, which is also its receipt ({@code receiptNumber}, consecutive per organization).
 * Amounts are exact decimal strings in {@code currency}; {@code refundedAmount} never exceeds
 * {@code amount}. {@code customerName} and {@code customerDocument} are as printed on the receipt.
 */
public record PaymentView(
        UUID id,
        long receiptNumber,
        UUID appointmentId,
        UUID customerId,
        String customerName,
        String customerDocument,
        String concept,
        PaymentMethod method,

        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = "string", example = "45000.00")
        BigDecimal amount,

        String currency,

        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = "string", example = "0.00")
        BigDecimal refundedAmount,

        String reference,
        UUID cashSessionId,
        Instant receivedAt,
        UUID receivedBy,
        String receivedByName) {}
