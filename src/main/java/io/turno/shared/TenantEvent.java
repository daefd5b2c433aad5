package io.turno.shared;

/**
 * An event about one organization's data. Modules that keep figures derived from others' data (the
 * dashboards' short-lived cache) hear every such event through this one type instead of each by name.
 */
public interface TenantEvent {

    TenantId tenantId();
}
