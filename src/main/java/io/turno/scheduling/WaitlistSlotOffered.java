package io.turno.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/**
 * A freed slot was offered to the first patient waiting for it. {@code acceptPath} is the address (from
 * the application's root) of the page that books it, holding the offer's one-time secret; it works
 * until {@code offerExpiresAt}. The secret is left out of {@link #toString()} so it reaches no log.
 */
public record WaitlistSlotOffered(
        TenantId tenantId,
        UUID waitlistEntryId,
        UUID patientId,
        UUID practitionerId,
        UUID therapistUserId,
        UUID serviceId,
        Instant start,
        Instant end,
        ZoneId zone,
        String acceptPath,
        Instant offerExpiresAt)
        implements TenantEvent {

    @Override
    public String toString() {
        return "WaitlistSlotOffered[tenantId=" + tenantId + ", waitlistEntryId=" + waitlistEntryId + ", patientId="
                + patientId + ", serviceId=" + serviceId + ", start=" + start + ", offerExpiresAt=" + offerExpiresAt
                + "]";
    }
}
