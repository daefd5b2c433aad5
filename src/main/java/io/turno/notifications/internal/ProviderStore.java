package io.turno.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code notification_providers} table. Secrets are stored sealed ({@link SecretBox}), bound to
 * their tenant and provider, and opened only as a row is read.
 */
@Repository
class ProviderStore {

    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final JsonMapper json;

    ProviderStore(JdbcClient jdbc, SecretBox box, JsonMapper json) {
        this.jdbc = jdbc;
        this.box = box;
        this.json = json;
    }

    /** The tenant's providers by channel and priority. */
    List<Provider> all(TenantId tenant) {
        return jdbc.sql("SELECT * FROM notification_providers WHERE tenant_id = :t ORDER BY channel, priority")
                .param("t", tenant.value())
                .query(this::provider)
                .list();
    }

    Optional<Provider> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM notification_providers WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(this::provider)
                .optional();
    }

    /** Any tenant's provider: the caller reads it unscoped. */
    Optional<Provider> find(UUID id) {
        return jdbc.sql("SELECT * FROM notification_providers WHERE id = :id")
                .param("id", id)
                .query(this::provider)
                .optional();
    }

    Instant createdAt(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT created_at FROM notification_providers WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    /** A provider as written: every column but the timestamps, its secrets still in the clear. */
    record Row(
            TenantId tenant,
            UUID id,
            Channel channel,
            ProviderKind kind,
            String name,
            int priority,
            boolean enabled,
            Map<String, Object> settings,
            Map<String, String> secrets) {}

    void insert(Row row, Instant now) {
        write("""
                INSERT INTO notification_providers (id, tenant_id, channel, kind, name, priority, enabled, settings,
                                                    secrets, created_at, updated_at)
                VALUES (:id, :t, :channel, :kind, :name, :priority, :enabled, CAST(:settings AS jsonb), :secrets, :now, :now)
                """, row, now);
    }

    void update(Row row, Instant now) {
        write("""
                UPDATE notification_providers SET channel = :channel, kind = :kind, name = :name, priority = :priority,
                       enabled = :enabled, settings = CAST(:settings AS jsonb), secrets = :secrets, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """, row, now);
    }

    /** Insert and update bind the same columns. */
    private void write(String sql, Row row, Instant now) {
        jdbc.sql(sql)
                .param("id", row.id())
                .param("t", row.tenant().value())
                .param("channel", row.channel().name())
                .param("kind", row.kind().name())
                .param("name", row.name())
                .param("priority", row.priority())
                .param("enabled", row.enabled())
                .param("settings", json.writeValueAsString(row.settings()))
                .param("secrets", seal(row.tenant(), row.id(), row.secrets()))
                .param("now", Timestamp.from(now))
                .update();
    }

    void delete(TenantId tenant, UUID id) {
        jdbc.sql("DELETE FROM notification_providers WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .update();
    }

    /** Whether another provider of the tenant's channel (not {@code self}) has this priority. */
    boolean priorityTaken(TenantId tenant, Channel channel, int priority, UUID self) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM notification_providers WHERE tenant_id = :t AND channel = :channel
                               AND priority = :priority AND id IS DISTINCT FROM :self)
                """)
                .param("t", tenant.value())
                .param("channel", channel.name())
                .param("priority", priority)
                .param("self", self)
                .query(Boolean.class)
                .single();
    }

    private Provider provider(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        TenantId tenant = new TenantId(rs.getObject("tenant_id", UUID.class));
        byte[] sealed = rs.getBytes("secrets");
        Map<String, String> secrets =
                sealed == null ? Map.of() : json.readValue(box.open(sealed, aad(tenant, id)), SECRETS);
        return new Provider(
                id,
                tenant,
                ProviderKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getInt("priority"),
                rs.getBoolean("enabled"),
                json.readValue(rs.getString("settings"), SETTINGS),
                secrets,
                rs.getTimestamp("updated_at").toInstant());
    }

    private byte[] seal(TenantId tenant, UUID id, Map<String, String> secrets) {
        return secrets.isEmpty() ? null : box.seal(json.writeValueAsString(secrets), aad(tenant, id));
    }

    private static String aad(TenantId tenant, UUID id) {
        return "notification_providers:" + tenant.value() + ":" + id;
    }
}
