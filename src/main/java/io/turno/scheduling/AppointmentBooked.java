package io.turno.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** An appointment was booked ({@code seriesId} set when it is one session of a series). */
public record AppointmentBooked(
        TenantId tenantId,
        UUID appointmentId,
        UUID patientId,
        UUID practitionerId,
        UUID therapistUserId,
        UUID serviceId,
        Instant start,
        Instant end,
        ZoneId zone,
        AppointmentStatus status,
        UUID seriesId)
        implements TenantEvent {}
