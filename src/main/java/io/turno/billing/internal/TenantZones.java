package io.turno.billing.internal;

import java.time.ZoneId;

import io.turno.shared.TenantId;
import io.turno.web.TenantConventions;
import org.springframework.stereotype.Component;

/**
 * The zone a tenant's "day" is counted in: the organization's own (as pages show it, cached and evicted
 * on every instance when it changes), else {@code turno.billing.default-zone}.
 */
@Component
class TenantZones {

    private final TenantConventions tenants;
    private final BillingProperties properties;

    TenantZones(TenantConventions tenants, BillingProperties properties) {
        this.tenants = tenants;
        this.properties = properties;
    }

    ZoneId of(TenantId tenant) {
        return tenants.of(tenant).map(TenantConventions.Conventions::zone).orElse(properties.defaultZone());
    }
}
