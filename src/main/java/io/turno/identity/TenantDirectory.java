package io.turno.identity;

import java.time.ZoneId;
import java.util.List;

import io.turno.shared.TenantId;

/** The organizations on the platform, for modules whose work runs per tenant (jobs, defaults). */
public interface TenantDirectory {

    record TenantSummary(TenantId id, String slug, ZoneId timeZone, boolean active) {
    }

    /** Every organization except the platform's own, active or not. */
    List<TenantSummary> tenants();
}
