package io.turno.billing.internal;

import java.time.ZoneId;

import io.turno.identity.TenantDirectory;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Component;

/** The zone a tenant's "day" is counted in: the organization's own, else {@code turno.billing.default-zone}. */
@Component
class TenantZones {

    private final TenantDirectory tenants;
    private final BillingProperties properties;

    TenantZones(TenantDirectory tenants, BillingProperties properties) {
        this.tenants = tenants;
        this.properties = properties;
    }

    ZoneId of(TenantId tenant) {
        return tenants.summary(tenant)
                .map(TenantDirectory.TenantSummary::timeZone)
                .orElse(properties.defaultZone());
    }
}
