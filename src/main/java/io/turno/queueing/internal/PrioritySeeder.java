package io.turno.queueing.internal;

import java.util.UUID;

import io.turno.identity.TenantCreated;
import io.turno.identity.TenantDirectory;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every tenant starts with the priorities of seed 001: General (weight 1, the default) and
 * Preferencial (weight 3: elderly, pregnant, disability), and Con cita (weight 2), the priority a
 * customer with an appointment today gets at the kiosk. Given when a tenant is created, at start
 * to tenants that predate this module (or that priority), and on first use should the event not
 * have arrived yet.
 */
@Component
@Order(10)
class PrioritySeeder implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final TenantDirectory directory;
    private final TransactionTemplate transactions;

    PrioritySeeder(JdbcClient jdbc, TenantDirectory directory, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var tenant : directory.tenants()) {
            TenantScope.run(tenant.id(), () -> transactions.executeWithoutResult(status -> seed(tenant.id())));
        }
    }

    @ApplicationModuleListener
    void on(TenantCreated created) {
        TenantScope.run(created.tenantId(), () -> seed(created.tenantId()));
    }

    /** Idempotent: a tenant that has any priority keeps what it has. */
    void seed(TenantId tenant) {
        jdbc.sql("""
                INSERT INTO queueing_priorities (id, tenant_id, name, weight, description, is_default)
                SELECT v.id, :t, v.name, v.weight, v.description, v.is_default
                FROM (VALUES (CAST(:general AS uuid), 'General', 1, 'Atención en orden de llegada', TRUE),
                             (CAST(:preferential AS uuid), 'Preferencial', 3,
                              'Personas mayores, gestantes, personas con discapacidad', FALSE))
                     AS v (id, name, weight, description, is_default)
                WHERE NOT EXISTS (SELECT 1 FROM queueing_priorities WHERE tenant_id = :t)
                ON CONFLICT DO NOTHING
                """)
                .param("t", tenant.value()).param("general", UUID.randomUUID()).param("preferential", UUID.randomUUID())
                .update();
        // Its own step: tenants seeded before appointments existed get it too. A priority the tenant
        // already calls "Con cita" is left alone.
        jdbc.sql("""
                INSERT INTO queueing_priorities (id, tenant_id, name, weight, description, is_default, appointment_holders)
                SELECT :id, :t, 'Con cita', 2, 'Personas con una cita para hoy', FALSE, TRUE
                WHERE NOT EXISTS (SELECT 1 FROM queueing_priorities WHERE tenant_id = :t AND appointment_holders)
                ON CONFLICT DO NOTHING
                """).param("t", tenant.value()).param("id", UUID.randomUUID()).update();
    }
}
