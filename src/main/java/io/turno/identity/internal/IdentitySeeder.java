package io.turno.identity.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives a fresh database its first tenant: the {@code demo} tenant with one user per built-in role,
 * or in production the tenant and administrator named in {@code turno.identity.bootstrap}.
 * Runs once per database: an existing tenant is never touched again.
 */
@Component
class IdentitySeeder implements ApplicationRunner {

    static final String DEMO_TENANT = "demo";

    private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);

    private final IdentityStore store;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final IdentityProperties properties;

    IdentitySeeder(IdentityStore store, PasswordEncoder passwords, AuditLog audit, IdentityProperties properties) {
        this.store = store;
        this.passwords = passwords;
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (properties.demo()) {
            if (store.tenantBySlug(DEMO_TENANT).isEmpty()) {
                seedDemo();
            }
            return;
        }
        var bootstrap = properties.bootstrap();
        if (store.anyTenant()) {
            return;
        }
        if (!bootstrap.configured()) {
            log.warn("No tenant exists and no first administrator is configured: set TURNO_IDENTITY_BOOTSTRAP_TENANT "
                    + "and TURNO_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD (see README, 'Production mode').");
            return;
        }
        var seeded = createTenantWithRoles(bootstrap.tenant(), bootstrap.tenantName(), bootstrap.timeZone());
        createUser(seeded, bootstrap.adminUsername(), "Administrador", bootstrap.adminEmail(),
                bootstrap.adminPassword(), BuiltInRole.ADMIN);
        log.info("Created tenant '{}' and its administrator '{}'", bootstrap.tenant(), bootstrap.adminUsername());
    }

    private void seedDemo() {
        var seeded = createTenantWithRoles(DEMO_TENANT, "Clínica Demo", "America/Bogota");
        for (BuiltInRole role : BuiltInRole.values()) {
            createUser(seeded, role.demoUsername(), "Demo " + role.displayName(), role.demoUsername() + "@demo.turno.local",
                    role.demoPassword(), role);
        }
        log.info("Loaded the demo tenant '{}' with one user per built-in role", DEMO_TENANT);
    }

    /** A new tenant and the ids of its built-in roles. */
    private record SeededTenant(TenantId tenant, Map<BuiltInRole, UUID> roles) {
    }

    private SeededTenant createTenantWithRoles(String slug, String name, String timeZone) {
        TenantId tenant = store.createTenant(slug, name, timeZone);
        audit.record(new AuditEntry(null, null, "system", "CREATE", "tenant", tenant.toString(),
                Map.of("slug", slug, "name", name), null));
        Map<BuiltInRole, UUID> roles = new EnumMap<>(BuiltInRole.class);
        for (BuiltInRole role : BuiltInRole.values()) {
            roles.put(role, store.createRole(tenant, role.name(), role.displayName(), true, role.permissions()));
        }
        return new SeededTenant(tenant, roles);
    }

    private void createUser(SeededTenant seeded, String username, String fullName, String email, String password,
                            BuiltInRole role) {
        TenantId tenant = seeded.tenant();
        UUID id = store.createUser(tenant, username, fullName, email, passwords.encode(password), seeded.roles().get(role));
        audit.record(new AuditEntry(tenant, null, "system", "CREATE", "user", id.toString(),
                Map.of("username", username, "roles", java.util.List.of(role.name())), null));
    }
}
