package io.turno.identity.internal;

import java.util.Map;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.DemoOrganization;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a fresh database its first tenant: the {@code demo} tenant with one user per built-in role,
 * or in production the tenant and administrator named in {@code turno.identity.bootstrap}.
 * Also creates the platform tenant of the SUPER_ADMIN, and grants permissions that a release added
 * to the built-in roles of existing tenants. An existing tenant is otherwise never touched again.
 */
@Component
@Order(0)
class IdentitySeeder implements ApplicationRunner {

    static final String PLATFORM_TENANT = "platform";

    private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);

    private final IdentityStore store;
    private final TenantsService tenants;
    private final AuditLog audit;
    private final IdentityProperties properties;
    private final PermissionCatalog catalog;
    private final TransactionTemplate transactions;

    IdentitySeeder(
            IdentityStore store,
            TenantsService tenants,
            AuditLog audit,
            IdentityProperties properties,
            PermissionCatalog catalog,
            TransactionTemplate transactions) {
        this.catalog = catalog;
        this.transactions = transactions;
        this.store = store;
        this.tenants = tenants;
        this.audit = audit;
        this.properties = properties;
    }

    /** Seeding creates tenants and touches every tenant's roles: platform work, outside any one tenant's scope. */
    @Override
    public void run(ApplicationArguments args) {
        TenantScope.unscoped(() -> transactions.execute(status -> {
            seed();
            return null;
        }));
    }

    private void seed() {
        grantNewPermissions();
        if (properties.demo()) {
            if (store.tenantBySlug(DemoOrganization.SLUG).isEmpty()) {
                seedDemo();
            }
        } else {
            bootstrap();
        }
        if (store.tenantBySlug(PLATFORM_TENANT).isEmpty()) {
            seedPlatform();
        }
    }

    /** A release that brings new permissions grants them to the built-in roles that hold them by default. */
    private void grantNewPermissions() {
        var known = new java.util.HashSet<>(catalog.all());
        known.addAll(PermissionCatalog.PLATFORM);
        for (String permission : store.claimNewPermissions(known)) {
            for (BuiltInRole role : catalog.rolesHolding(permission)) {
                int roles = store.grantToBuiltInRoles(role.name(), permission);
                if (roles > 0) {
                    log.info("Granted the new permission {} to role {} in {} tenant(s)", permission, role, roles);
                }
            }
        }
    }

    private void bootstrap() {
        var bootstrap = properties.bootstrap();
        if (store.anyOrdinaryTenant()) {
            return;
        }
        if (!bootstrap.configured()) {
            log.warn("No tenant exists and no first administrator is configured: set TURNO_IDENTITY_BOOTSTRAP_TENANT "
                    + "and TURNO_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD (see README, 'Production mode').");
            return;
        }
        var seeded = createTenantWithRoles(bootstrap.tenant(), bootstrap.tenantName(), bootstrap.timeZone(), false);
        createUser(
                seeded,
                bootstrap.adminUsername(),
                "Administrador",
                bootstrap.adminEmail(),
                bootstrap.adminPassword(),
                BuiltInRole.ADMIN);
        log.info("Created tenant '{}' and its administrator '{}'", bootstrap.tenant(), bootstrap.adminUsername());
    }

    private void seedDemo() {
        var seeded = createTenantWithRoles(DemoOrganization.SLUG, "Clínica Demo", "America/Bogota", false);
        // Seed 004: the demo's booking page (/demo/reservar) lets a new patient open an account.
        store.putSetting(seeded.tenant(), "self_registration", true);
        for (BuiltInRole role : BuiltInRole.tenantRoles()) {
            createUser(
                    seeded,
                    role.demoUsername(),
                    "Demo " + role.displayName(),
                    role.demoUsername() + "@demo.turno.local",
                    role.demoPassword(),
                    role);
        }
        log.info("Loaded the demo tenant '{}' with one user per built-in role", DemoOrganization.SLUG);
    }

    /**
     * The platform tenant and its SUPER_ADMIN {@code root}: with the demo's password in demo mode, with
     * {@code turno.identity.bootstrap.platform-password} in production (no platform user without one).
     */
    private void seedPlatform() {
        String password = properties.demo()
                ? BuiltInRole.SUPER_ADMIN.demoPassword()
                : properties.bootstrap().platformPassword();
        var seeded = createTenantWithRoles(PLATFORM_TENANT, "Plataforma Turno", "UTC", true);
        if (password != null && !password.isBlank()) {
            createUser(
                    seeded,
                    BuiltInRole.SUPER_ADMIN.demoUsername(),
                    "Superadministrador",
                    null,
                    password,
                    BuiltInRole.SUPER_ADMIN);
        }
    }

    private TenantsService.CreatedTenant createTenantWithRoles(
            String slug, String name, String timeZone, boolean platform) {
        var created = tenants.createWithRoles(slug, name, timeZone, platform);
        audit.record(new AuditEntry(
                created.tenant(),
                null,
                "system",
                "CREATE",
                "tenant",
                created.tenant().toString(),
                Map.of("slug", slug, "name", name)));
        return created;
    }

    private void createUser(
            TenantsService.CreatedTenant tenant,
            String username,
            String fullName,
            String email,
            String password,
            BuiltInRole role) {
        tenants.createUser(tenant, username, fullName, email, password, role, null);
    }
}
