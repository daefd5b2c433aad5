package io.turno.queueing.internal;

import io.turno.identity.TenantCreated;
import io.turno.identity.TenantDirectory;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
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

    private final Priorities priorities;
    private final TenantDirectory directory;
    private final TransactionTemplate transactions;

    PrioritySeeder(Priorities priorities, TenantDirectory directory, TransactionTemplate transactions) {
        this.priorities = priorities;
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
        priorities.insertStarters(tenant);
        // Its own step: tenants seeded before appointments existed get it too. A priority the tenant
        // already calls "Con cita" is left alone.
        priorities.insertAppointmentHolders(tenant);
    }
}
