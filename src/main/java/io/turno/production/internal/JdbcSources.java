package io.turno.production.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.production.internal.ClientDatabases.Kind;
import io.turno.production.internal.ClientDatabases.Source;
import io.turno.production.internal.ClientDatabases.SourceCommand;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registered client databases and, per source and line, the last detection id imported; every statement names the tenant. */
@Repository
class JdbcSources {

    /** A source with its sealed password, which only the connection to it opens. */
    record Stored(Source source, byte[] secret) {}

    private final JdbcClient jdbc;

    JdbcSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Source> page(TenantId tenant, int page, int size) {
        return jdbc.sql(
                        "SELECT * FROM production_sources WHERE tenant_id = :tenant ORDER BY name LIMIT :size OFFSET :offset")
                .param("tenant", tenant.value())
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> source(rs))
                .list();
    }

    long count(TenantId tenant) {
        return jdbc.sql("SELECT count(*) FROM production_sources WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(Long.class)
                .single();
    }

    Optional<Stored> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM production_sources WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query((rs, n) -> new Stored(source(rs), rs.getBytes("password_secret")))
                .optional();
    }

    /** A null {@code secret} on an update keeps the stored one. */
    void save(TenantId tenant, UUID id, SourceCommand command, byte[] secret, boolean insert) {
        jdbc.sql(insert ? """
                INSERT INTO production_sources (id, tenant_id, name, kind, host, port, database_name, username,
                                                password_secret, active)
                VALUES (:id, :tenant, :name, :kind, :host, :port, :database, :username, :secret, :active)""" : """
                UPDATE production_sources SET name = :name, kind = :kind, host = :host, port = :port,
                       database_name = :database, username = :username,
                       password_secret = COALESCE(:secret, password_secret), active = :active, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id""")
                .param("id", id)
                .param("tenant", tenant.value())
                .param("name", command.name())
                .param("kind", command.kind().name())
                .param("host", command.host())
                .param("port", command.port())
                .param("database", command.database())
                .param("username", command.username())
                .param("secret", secret, java.sql.Types.BINARY)
                .param("active", command.active())
                .update();
    }

    void delete(TenantId tenant, UUID id) {
        jdbc.sql("DELETE FROM production_sources WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    List<UUID> active(TenantId tenant) {
        return jdbc.sql("SELECT id FROM production_sources WHERE tenant_id = :tenant AND active ORDER BY name")
                .param("tenant", tenant.value())
                .query(UUID.class)
                .list();
    }

    /** Notes a sync's end: now, and its error or none. */
    void synced(TenantId tenant, UUID id, String error) {
        jdbc.sql(
                        "UPDATE production_sources SET last_sync_at = now(), last_sync_error = :error WHERE tenant_id = :tenant AND id = :id")
                .param("error", error)
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    // Watermarks

    long watermark(TenantId tenant, UUID source, String lineCode) {
        return jdbc.sql("""
                        SELECT last_id FROM production_source_watermarks
                        WHERE tenant_id = :tenant AND source_id = :source AND line_code = :line""")
                .param("tenant", tenant.value())
                .param("source", source)
                .param("line", lineCode)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Moves the line's watermark up to {@code lastId}, never back. */
    void advance(TenantId tenant, UUID source, String lineCode, long lastId) {
        jdbc.sql("""
                INSERT INTO production_source_watermarks (tenant_id, source_id, line_code, last_id)
                VALUES (:tenant, :source, :line, :last)
                ON CONFLICT (tenant_id, source_id, line_code)
                DO UPDATE SET last_id = GREATEST(production_source_watermarks.last_id, EXCLUDED.last_id)""")
                .param("tenant", tenant.value())
                .param("source", source)
                .param("line", lineCode)
                .param("last", lastId)
                .update();
    }

    private static Source source(ResultSet rs) throws SQLException {
        return new Source(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("host"),
                rs.getInt("port"),
                rs.getString("database_name"),
                rs.getString("username"),
                rs.getBoolean("active"),
                instant(rs, "last_sync_at"),
                rs.getString("last_sync_error"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
