package io.turno.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A service of the tenant's catalog. {@code price} and {@code currency} are both present or both
 * absent; the price is exact and written as a decimal string with the currency's usual decimals
 * ({@code "45000.00"} COP). {@code durationMinutes} is null when the service has no fixed length.
 */
public record ServiceView(
        UUID id,
        String code,
        String name,
        @Nullable String description,
        boolean walkIn,
        boolean bookable,
        @Nullable Integer durationMinutes,

        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = "string", example = "45000.00") @Nullable
        BigDecimal price,

        @Nullable String currency,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {}
