package io.turno.identity;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.turno.shared.TenantId;

/** The organizations on the platform, for modules whose work runs per tenant (jobs, defaults). */
public interface TenantDirectory {

    /** {@code name} is the organization's name as people read it (report headers). */
    record TenantSummary(TenantId id, String slug, ZoneId timeZone, boolean active, String name) {}

    /** Every organization except the platform's own, active or not. */
    List<TenantSummary> tenants();

    /** One organization (not the platform's own), e.g. for its time zone. */
    Optional<TenantSummary> summary(TenantId tenant);

    /**
     * The organization a public address names ({@code /demo/reservar}), active or not; never the
     * platform's own. The slug is compared as typed, in lower case.
     */
    Optional<TenantSummary> bySlug(String slug);

    /** One key of the organization's settings JSON, as text ({@code "patient_notice_hours"} → {@code "24"}). */
    Optional<String> setting(TenantId tenant, String key);
}
