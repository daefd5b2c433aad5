package io.turno.notifications.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * A provider ready to send: settings and decrypted secrets. {@code id} is null for the default SMTP
 * server of {@code spring.mail.*}. {@link #toString()} never shows the secrets, so no log line can.
 */
record Provider(
        UUID id,
        TenantId tenant,
        ProviderKind kind,
        String name,
        int priority,
        boolean enabled,
        Map<String, Object> settings,
        Map<String, String> secrets,
        Instant updatedAt) {

    static final String DEFAULT_SMTP = "smtp-default";

    /** The circuit breaker's name: one per provider. */
    String key() {
        return id == null ? DEFAULT_SMTP : id.toString();
    }

    String setting(String name, String fallback) {
        Object value = settings.get(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    String secret(String name) {
        return secrets.get(name);
    }

    @Override
    public String toString() {
        return "Provider[" + kind + " " + name + " " + key() + ", secrets " + secrets.keySet() + "]";
    }
}
