package io.turno.audit.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log's hash chains: one per tenant with entries, and the platform's. */
@Repository
class AuditChains {

    /** {@code tenant} is null for the platform's chain; {@code name} is the tenant's slug or "(platform)". */
    record Chain(UUID tenant, String name) {}

    private final JdbcClient jdbc;

    AuditChains(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every chain that has an entry, by name. */
    List<Chain> all() {
        return jdbc.sql("""
                SELECT c.tenant_id, coalesce(t.slug, '(platform)') AS name
                FROM (SELECT DISTINCT tenant_id FROM audit_log) c LEFT JOIN tenants t ON t.id = c.tenant_id
                ORDER BY name
                """)
                .query((rs, n) -> new Chain(rs.getObject("tenant_id", UUID.class), rs.getString("name")))
                .list();
    }
}
