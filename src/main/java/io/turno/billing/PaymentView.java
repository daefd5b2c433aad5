package io.turno.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A payment, which is also its receipt ({@code receiptNumber}, consecutive per organization).
 * Amounts are exact decimal strings in {@code currency}; {@code refundedAmount} never exceeds
 * {@code amount}. {@code customerName} and {@code customerDocument} are as printed on the receipt.
 */
public record PaymentView(
        UUID id,
        long receiptNumber,
        @Nullable UUID appointmentId,
        @Nullable UUID customerId,
        @Nullable String customerName,
        @Nullable String customerDocument,
        String concept,
        PaymentMethod method,

        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = "string", example = "45000.00")
        BigDecimal amount,

        String currency,

        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = "string", example = "0.00")
        BigDecimal refundedAmount,

        @Nullable String reference,
        @Nullable UUID cashSessionId,
        Instant receivedAt,
        @Nullable UUID receivedBy,
        @Nullable String receivedByName) {}
