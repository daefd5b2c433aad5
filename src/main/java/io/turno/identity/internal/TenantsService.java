package io.turno.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.CurrentUser;
import io.turno.identity.TenantCreated;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import io.turno.shared.TimeZones;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tenants as the platform's SUPER_ADMIN manages them. This is platform work: it reads and changes
 * rows of every tenant, so it runs unscoped; each change is audited in the tenant's own chain and
 * in the platform's.
 */
@Service
public class TenantsService {

    public record TenantView(
            UUID id,
            String slug,
            String name,
            String timeZone,
            String locale,
            String currency,
            boolean active,
            boolean platform,
            Map<String, Object> settings,
            long activeUsers,
            Instant createdAt,
            Instant updatedAt) {}

    /** @param admin the tenant's first administrator, or null to add one later */
    public record NewTenant(
            String slug,
            String name,
            String timeZone,
            String locale,
            String currency,
            Map<String, Object> settings,
            FirstAdmin admin) {}

    public record FirstAdmin(String username, String fullName, String email, String password) {}

    /** Null fields stay as they are. */
    public record TenantChange(
            String name,
            String timeZone,
            String locale,
            String currency,
            Map<String, Object> settings,
            Boolean active) {}

    static final class SlugTaken extends BusinessException {
        SlugTaken(String slug) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "Ya existe una organización con el identificador " + slug + ".");
        }
    }

    static final class InvalidTenantSetting extends BusinessException {
        InvalidTenantSetting(String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.VALIDATION_FAILED, message);
        }
    }

    static final class PlatformTenantRule extends BusinessException {
        PlatformTenantRule() {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "La organización de la plataforma no se puede desactivar: sin ella nadie administraría las demás.");
        }
    }

    /** A new tenant and the ids of its built-in roles. */
    record CreatedTenant(TenantId tenant, Map<BuiltInRole, UUID> roles) {}

    private static final Set<String> LOCALES = Set.of("es", "en");

    private final Tenants tenants;
    private final IdentityStore store;
    private final UserSessions sessions;
    private final PermissionCatalog catalog;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TenantsService(
            Tenants tenants,
            IdentityStore store,
            UserSessions sessions,
            PermissionCatalog catalog,
            PasswordEncoder passwords,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.tenants = tenants;
        this.store = store;
        this.sessions = sessions;
        this.catalog = catalog;
        this.passwords = passwords;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public PageResult<TenantView> list(String search, Boolean active, int page, int size) {
        return platformWork(() -> tenants.page(search, active, page, size));
    }

    public TenantView get(UUID id) {
        return platformWork(() -> find(id));
    }

    public TenantView create(CurrentUser caller, NewTenant request) {
        String locale = request.locale() == null ? "es" : request.locale();
        String currency = request.currency() == null ? "COP" : request.currency();
        String timeZone = requireZone(request.timeZone() == null ? "America/Bogota" : request.timeZone());
        requireValid(locale, currency);
        if (request.admin() != null) {
            PasswordPolicy.require(request.admin().password());
        }
        return platformWork(() -> {
            if (tenants.slugTaken(request.slug())) {
                throw new SlugTaken(request.slug());
            }
            var created = createWithRoles(request.slug(), request.name(), timeZone, false);
            TenantId tenant = created.tenant();
            var settings = request.settings() == null ? Map.<String, Object>of() : request.settings();
            tenants.update(tenant.value(), request.name(), timeZone, locale, currency, settings, true);
            if (request.admin() != null) {
                var admin = request.admin();
                createUser(
                        created,
                        admin.username(),
                        admin.fullName() == null ? "Administrador" : admin.fullName(),
                        admin.email(),
                        admin.password(),
                        BuiltInRole.ADMIN,
                        caller);
            }
            TenantView view = find(tenant.value());
            record(caller, "CREATE", view, Map.of("after", view));
            return view;
        });
    }

    public TenantView update(CurrentUser caller, UUID id, TenantChange change) {
        return platformWork(() -> {
            TenantView before = find(id);
            String locale = change.locale() == null ? before.locale() : change.locale();
            String currency = change.currency() == null ? before.currency() : change.currency();
            // A zone stored before zones had to be IANA names stays valid until someone changes it.
            String timeZone = change.timeZone() == null ? before.timeZone() : requireZone(change.timeZone());
            requireValid(locale, currency);
            boolean active = change.active() == null ? before.active() : change.active();
            if (!active && before.platform()) {
                throw new PlatformTenantRule();
            }
            tenants.update(
                    id,
                    change.name() == null ? before.name() : change.name(),
                    timeZone,
                    locale,
                    currency,
                    change.settings() == null ? before.settings() : change.settings(),
                    active);
            if (!active) {
                sessions.endAllOfTenant(new TenantId(id), "TENANT_DEACTIVATED", clock.instant());
            }
            TenantView after = find(id);
            var summary = AuditEntry.change(before, after);
            record(caller, "UPDATE", after, summary);
            return after;
        });
    }

    /** Deactivates: its users can no longer sign in and every open session ends now. Data stays. */
    public void deactivate(CurrentUser caller, UUID id) {
        platformWork(() -> {
            TenantView before = find(id);
            if (before.platform()) {
                throw new PlatformTenantRule();
            }
            tenants.update(
                    id, before.name(), before.timeZone(), before.locale(), before.currency(), before.settings(), false);
            int ended = sessions.endAllOfTenant(new TenantId(id), "TENANT_DEACTIVATED", clock.instant());
            record(caller, "DELETE", before, Map.of("before", before, "sessions_ended", ended));
            return null;
        });
    }

    /** Also used by the seeder; the caller holds the transaction and the scope. */
    CreatedTenant createWithRoles(String slug, String name, String timeZone, boolean platform) {
        TenantId tenant = store.createTenant(slug, name, timeZone, platform);
        if (!platform) {
            events.publishEvent(new TenantCreated(tenant, slug, ZoneId.of(timeZone)));
        }
        Map<BuiltInRole, UUID> roles = new EnumMap<>(BuiltInRole.class);
        for (BuiltInRole role : platform ? List.of(BuiltInRole.SUPER_ADMIN) : BuiltInRole.tenantRoles()) {
            roles.put(role, store.createRole(tenant, role.name(), role.displayName(), true, catalog.defaultsFor(role)));
        }
        return new CreatedTenant(tenant, roles);
    }

    /** @param creator who creates the user, or null for the system */
    void createUser(
            CreatedTenant created,
            String username,
            String fullName,
            String email,
            String password,
            BuiltInRole role,
            CurrentUser creator) {
        TenantId tenant = created.tenant();
        UUID id = store.createUser(
                tenant,
                username,
                fullName,
                email,
                passwords.encode(password),
                created.roles().get(role));
        audit.record(new AuditEntry(
                tenant,
                creator == null ? null : creator.userId(),
                creator == null ? "system" : creator.username(),
                "CREATE",
                "user",
                id.toString(),
                Map.of("username", username, "roles", List.of(role.name()))));
    }

    private TenantView find(UUID id) {
        return tenants.find(id).orElseThrow(() -> new NotFound("Organización", id));
    }

    private <T> T platformWork(Supplier<T> work) {
        return TenantScope.unscoped(() -> transactions.execute(status -> work.get()));
    }

    private void record(CurrentUser caller, String action, TenantView tenant, Map<String, ?> summary) {
        for (TenantId chain : Set.of(new TenantId(tenant.id()), caller.tenantId())) {
            audit.record(new AuditEntry(
                    chain,
                    caller.userId(),
                    caller.username(),
                    action,
                    "tenant",
                    tenant.id().toString(),
                    summary));
        }
    }

    /** @return the time zone as it is stored: the IANA name, stripped */
    private static String requireZone(String timeZone) {
        return TimeZones.iana(timeZone)
                .map(ZoneId::getId)
                .orElseThrow(() -> new InvalidTenantSetting("Zona horaria desconocida: " + timeZone
                        + ". Usa un identificador IANA, p. ej. America/Bogota."));
    }

    private static void requireValid(String locale, String currency) {
        if (!LOCALES.contains(locale)) {
            throw new InvalidTenantSetting("Idioma no disponible: " + locale + ". Valores posibles: es, en.");
        }
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new InvalidTenantSetting("Moneda desconocida: " + currency + ". Usa un código ISO 4217, p. ej. COP.");
        }
    }
}
