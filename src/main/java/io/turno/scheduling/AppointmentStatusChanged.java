package io.turno.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** An appointment moved from {@code from} to {@code to} (a cancellation also publishes {@link AppointmentCancelled}). */
public record AppointmentStatusChanged(
        TenantId tenantId,
        UUID appointmentId,
        UUID patientId,
        UUID practitionerId,
        UUID therapistUserId,
        UUID serviceId,
        Instant start,
        Instant end,
        ZoneId zone,
        AppointmentStatus from,
        AppointmentStatus to)
        implements TenantEvent {}
