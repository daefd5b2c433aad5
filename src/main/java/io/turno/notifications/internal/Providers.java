package io.turno.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.Invalid;
import io.turno.shared.NotFound;
import io.turno.shared.ProblemCode;
import io.turno.shared.SettingsCache;
import io.turno.shared.SettingsChanges;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindException;

/**
 * Providers per tenant and channel, ordered by priority. Secrets go in encrypted ({@link SecretBox})
 * and never come out through the API: a view says only which secrets are set. An e-mail channel
 * without a provider of its own uses the server of {@code spring.mail.*}. The dispatcher reads a
 * tenant's providers from a copy kept {@link #CACHE_TTL}, dropped on every change made here.
 */
@Service
public class Providers {

    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    public record ProviderView(
            UUID id,
            Channel channel,
            ProviderKind kind,
            String name,
            int priority,
            boolean enabled,
            Map<String, Object> settings,
            List<String> secretsSet,
            String circuit,
            @Nullable String webhookPath,
            Instant createdAt,
            Instant updatedAt) {}

    public record ProviderCommand(
            Channel channel,
            ProviderKind kind,
            String name,
            Integer priority,
            Boolean enabled,
            Map<String, Object> settings,
            Map<String, String> secrets) {}

    static final class Taken extends BusinessException {
        Taken(String message) {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, message);
        }
    }

    private final ProviderStore store;
    private final Breakers breakers;
    private final AuditLog audit;
    private final Clock clock;
    private final SettingsCache<List<Provider>> cache;

    Providers(ProviderStore store, Breakers breakers, AuditLog audit, Clock clock, SettingsChanges changes) {
        this.store = store;
        this.breakers = breakers;
        this.audit = audit;
        this.clock = clock;
        this.cache = changes.cache(CACHE_TTL, "notification-providers");
    }

    @Transactional(readOnly = true)
    public List<ProviderView> list(Actor caller) {
        return load(caller.tenantId()).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public ProviderView get(Actor caller, UUID id) {
        return view(find(caller.tenantId(), id));
    }

    @Transactional(rollbackFor = BindException.class)
    public ProviderView create(Actor caller, ProviderCommand command) throws BindException {
        check(command, Map.of());
        UUID id = UUID.randomUUID();
        TenantId tenant = caller.tenantId();
        int priority = command.priority() == null ? 1 : command.priority();
        priorityFree(tenant, command.channel(), priority, null);
        store.insert(row(tenant, id, command, priority, secrets(command, Map.of())), clock.instant());
        cache.changed(tenant);
        var created = find(tenant, id);
        audit.record(new AuditEntry(
                tenant,
                caller.userId(),
                caller.username(),
                "CREATE",
                "notification_provider",
                id.toString(),
                summary(created)));
        return view(created);
    }

    private ProviderStore.Row row(
            TenantId tenant, UUID id, ProviderCommand command, int priority, Map<String, String> secrets) {
        return new ProviderStore.Row(
                tenant,
                id,
                command.channel(),
                command.kind(),
                command.name(),
                priority,
                command.enabled() == null || command.enabled(),
                settings(command),
                secrets);
    }

    /** Replaces everything but the secrets not named: a secret is changed by sending it, kept by leaving it out. */
    @Transactional(rollbackFor = BindException.class)
    public ProviderView update(Actor caller, UUID id, ProviderCommand command) throws BindException {
        TenantId tenant = caller.tenantId();
        var before = find(tenant, id);
        check(command, before.secrets());
        int priority = command.priority() == null ? before.priority() : command.priority();
        priorityFree(tenant, command.channel(), priority, id);
        store.update(row(tenant, id, command, priority, secrets(command, before.secrets())), clock.instant());
        cache.changed(tenant);
        var after = find(tenant, id);
        audit.record(new AuditEntry(
                tenant,
                caller.userId(),
                caller.username(),
                "UPDATE",
                "notification_provider",
                id.toString(),
                AuditEntry.change(summary(before), summary(after))));
        return view(after);
    }

    @Transactional
    public void delete(Actor caller, UUID id) {
        TenantId tenant = caller.tenantId();
        var before = find(tenant, id);
        store.delete(tenant, id);
        cache.changed(tenant);
        audit.record(new AuditEntry(
                tenant,
                caller.userId(),
                caller.username(),
                "DELETE",
                "notification_provider",
                id.toString(),
                summary(before)));
    }

    /** The enabled providers of a channel by priority; for e-mail, the default SMTP server when the tenant has none. */
    List<Provider> forChannel(TenantId tenant, Channel channel) {
        var providers = cache.get(tenant, t -> TenantScope.call(t, () -> load(t))).stream()
                .filter(p -> p.enabled() && p.kind().channel == channel)
                .toList();
        if (providers.isEmpty() && channel == Channel.EMAIL) {
            return List.of(defaultSmtp(tenant));
        }
        return providers;
    }

    static Provider defaultSmtp(TenantId tenant) {
        return new Provider(null, tenant, ProviderKind.SMTP, "spring.mail", 0, true, Map.of(), Map.of(), Instant.EPOCH);
    }

    /** One provider of the tenant, ready to send (its secrets decrypted), for a test message. */
    @Transactional(readOnly = true)
    Provider ready(TenantId tenant, UUID id) {
        return find(tenant, id);
    }

    /** For webhooks, which name their provider in the path and prove themselves with its secret. */
    Optional<Provider> byId(UUID id) {
        return TenantScope.unscoped(() -> store.find(id));
    }

    private List<Provider> load(TenantId tenant) {
        return store.all(tenant);
    }

    private Provider find(TenantId tenant, UUID id) {
        return store.find(tenant, id).orElseThrow(() -> new NotFound("Proveedor", id));
    }

    private ProviderView view(Provider p) {
        String webhook = switch (p.kind()) {
            case WHATSAPP_CLOUD -> "/api/v1/public/webhooks/whatsapp/" + p.id();
            case TWILIO -> "/api/v1/public/webhooks/twilio/" + p.id();
            case SMTP -> null;
        };
        Instant created = store.createdAt(p.tenant(), p.id());
        return new ProviderView(
                p.id(),
                p.kind().channel,
                p.kind(),
                p.name(),
                p.priority(),
                p.enabled(),
                p.settings(),
                new ArrayList<>(new TreeSet<>(p.secrets().keySet())),
                breakers.state(p),
                webhook,
                created,
                p.updatedAt());
    }

    private void check(ProviderCommand command, Map<String, String> existingSecrets) throws BindException {
        var invalid = new Invalid();
        if (command.kind() != null && command.channel() != null && command.kind().channel != command.channel()) {
            invalid.reject("kind", command.kind() + " no envía por el canal " + command.channel());
        }
        if (command.kind() != null) {
            ProviderKind kind = command.kind();
            var settings = command.settings() == null ? Map.<String, Object>of() : command.settings();
            for (String key : settings.keySet()) {
                if (kind.secrets.contains(key)) {
                    invalid.reject("settings." + key, key + " es un secreto: va en secrets");
                } else if (!kind.settings.contains(key)) {
                    invalid.reject(
                            "settings." + key,
                            "Ajuste desconocido para " + kind + "; admite " + new TreeSet<>(kind.settings));
                }
            }
            for (String key : kind.requiredSettings) {
                if (settings.get(key) == null || settings.get(key).toString().isBlank()) {
                    invalid.reject("settings." + key, "Falta " + key);
                }
            }
            if (kind == ProviderKind.TWILIO
                    && blank(settings.get("from"))
                    && blank(settings.get("messaging_service_sid"))) {
                invalid.reject("settings.from", "Indique from o messaging_service_sid");
            }
            if (settings.get("templates") != null && !(settings.get("templates") instanceof Map)) {
                invalid.reject(
                        "settings.templates",
                        "Un objeto: código de plantilla de Turno → nombre de la plantilla aprobada");
            }
            var secrets = command.secrets() == null ? Map.<String, String>of() : command.secrets();
            for (String key : secrets.keySet()) {
                if (!kind.secrets.contains(key)) {
                    invalid.reject(
                            "secrets." + key,
                            "Secreto desconocido para " + kind + "; admite " + new TreeSet<>(kind.secrets));
                }
            }
            for (String key : kind.requiredSecrets()) {
                if (blank(secrets.get(key)) && !existingSecrets.containsKey(key)) {
                    invalid.reject("secrets." + key, "Falta " + key);
                }
            }
        }
        invalid.throwIfAny();
    }

    private void priorityFree(TenantId tenant, Channel channel, int priority, UUID self) {
        if (store.priorityTaken(tenant, channel, priority, self)) {
            throw new Taken("Ya hay un proveedor de " + channel + " con prioridad " + priority);
        }
    }

    private static Map<String, Object> settings(ProviderCommand command) {
        return command.settings() == null ? Map.of() : new TreeMap<>(command.settings());
    }

    private static Map<String, String> secrets(ProviderCommand command, Map<String, String> existing) {
        var merged = new TreeMap<>(existing);
        if (command.secrets() != null) {
            command.secrets().forEach((key, value) -> {
                if (!blank(value)) {
                    merged.put(key, value);
                }
            });
        }
        merged.keySet().retainAll(command.kind().secrets);
        return merged;
    }

    /** What the audit log keeps: everything but the secrets' values. */
    private static Map<String, Object> summary(Provider p) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("channel", p.kind().channel.name());
        summary.put("kind", p.kind().name());
        summary.put("name", p.name());
        summary.put("priority", p.priority());
        summary.put("enabled", p.enabled());
        summary.put("settings", p.settings());
        summary.put("secrets_set", new TreeSet<>(p.secrets().keySet()));
        return summary;
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
