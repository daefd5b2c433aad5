package io.turno.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** An appointment moved: new time, practitioner or service ({@code previous*} as it was). */
public record AppointmentRescheduled(
        TenantId tenantId,
        UUID appointmentId,
        UUID patientId,
        UUID practitionerId,
        UUID therapistUserId,
        UUID serviceId,
        Instant start,
        Instant end,
        ZoneId zone,
        UUID previousPractitionerId,
        Instant previousStart,
        Instant previousEnd)
        implements TenantEvent {}
