package io.turno.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** An appointment was cancelled; its time is free again. */
public record AppointmentCancelled(
        TenantId tenantId,
        UUID appointmentId,
        UUID patientId,
        UUID practitionerId,
        UUID therapistUserId,
        UUID serviceId,
        Instant start,
        Instant end,
        ZoneId zone,
        String reason)
        implements TenantEvent {}
