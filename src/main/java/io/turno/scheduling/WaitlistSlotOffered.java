package io.turno.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.turno.shared.TenantId;

/** A freed slot was offered to the first patient waiting for it; they book it like any other. */
public record WaitlistSlotOffered(
        TenantId tenantId,
        UUID waitlistEntryId,
        UUID patientId,
        UUID practitionerId,
        UUID therapistUserId,
        UUID serviceId,
        Instant start,
        Instant end,
        ZoneId zone) {}
