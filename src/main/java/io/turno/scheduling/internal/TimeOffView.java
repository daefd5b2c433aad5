package io.turno.scheduling.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A stretch the practitioner cannot be booked (holidays, a course), in their time zone. */
public record TimeOffView(
        UUID id,
        UUID therapistId,
        OffsetDateTime start,
        OffsetDateTime end,
        @Nullable String reason) {}
