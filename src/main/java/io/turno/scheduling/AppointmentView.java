package io.turno.scheduling;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An appointment as the API and other modules see it. {@code patientId} is a customer of the
 * tenant's registry; {@code therapistId} a practitioner, whose sign-in account is
 * {@code therapistUserId}. {@code start} and {@code end} carry the practitioner's offset at that
 * moment ({@code timeZone}).
 */
public record AppointmentView(
        UUID id,
        UUID patientId,
        UUID therapistId,
        @Nullable UUID therapistUserId,
        String therapistName,
        UUID serviceId,
        OffsetDateTime start,
        OffsetDateTime end,
        String timeZone,
        AppointmentStatus status,
        @Nullable String notes,
        @Nullable String cancelReason,
        @Nullable UUID seriesId,
        Instant createdAt,
        Instant updatedAt) {}
