package io.turno.dashboards.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The built-in templates (read-only) and each organization's versions of its own; every statement names its tenant. */
@Repository
class JdbcTemplates {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    JdbcTemplates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DashboardLayout> builtIn(String role) {
        return jdbc.sql("SELECT CAST(layout AS text) FROM dashboards_builtin_templates WHERE role = :role")
                .param("role", role)
                .query(String.class)
                .optional()
                .map(JdbcTemplates::layout);
    }

    List<String> builtInRoles() {
        return jdbc.sql("SELECT role FROM dashboards_builtin_templates ORDER BY role")
                .query(String.class)
                .list();
    }

    /** The version in force: the newest one not undone. */
    Optional<TemplateVersion> current(TenantId tenant, String role) {
        return jdbc.sql("""
                SELECT version, CAST(layout AS text) AS layout, saved_by, saved_by_name, saved_at, undone_at
                FROM dashboards_templates
                WHERE tenant_id = :t AND role = :role AND undone_at IS NULL
                ORDER BY version DESC LIMIT 1""")
                .param("t", tenant.value())
                .param("role", role)
                .query(JdbcTemplates::version)
                .optional();
    }

    /** The version in force of each role the organization saved a template for. */
    Map<String, TemplateVersion> currentAll(TenantId tenant) {
        Map<String, TemplateVersion> current = new HashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (role) role, version, CAST(layout AS text) AS layout, saved_by, saved_by_name,
                       saved_at, undone_at
                FROM dashboards_templates
                WHERE tenant_id = :t AND undone_at IS NULL
                ORDER BY role, version DESC""")
                .param("t", tenant.value())
                .query((rs, row) -> current.put(rs.getString("role"), version(rs, row)))
                .list();
        return Map.copyOf(current);
    }

    /** Every version, newest first, undone ones included. */
    List<TemplateVersion> versions(TenantId tenant, String role) {
        return jdbc.sql("""
                SELECT version, CAST(layout AS text) AS layout, saved_by, saved_by_name, saved_at, undone_at
                FROM dashboards_templates
                WHERE tenant_id = :t AND role = :role
                ORDER BY version DESC""")
                .param("t", tenant.value())
                .param("role", role)
                .query(JdbcTemplates::version)
                .list();
    }

    /**
     * A new version after every one before it, undone ones included, so numbers are never reused. Two
     * saves at once compute the same number and the second is refused by the primary key (409).
     */
    int append(TenantId tenant, String role, DashboardLayout layout, Actor actor) {
        return jdbc.sql("""
                INSERT INTO dashboards_templates (tenant_id, role, version, layout, saved_by, saved_by_name)
                SELECT :t, :role, coalesce(max(version), 0) + 1, CAST(:layout AS jsonb), :by, :byName
                FROM dashboards_templates WHERE tenant_id = :t AND role = :role
                RETURNING version""")
                .param("t", tenant.value())
                .param("role", role)
                .param("layout", layout == null ? null : JSON.writeValueAsString(layout))
                .param("by", actor.userId())
                .param("byName", actor.username())
                .query(Integer.class)
                .single();
    }

    /** Every version of the role's template, undone ones included. */
    void deleteAll(TenantId tenant, String role) {
        jdbc.sql("DELETE FROM dashboards_templates WHERE tenant_id = :t AND role = :role")
                .param("t", tenant.value())
                .param("role", role)
                .update();
    }

    void markUndone(TenantId tenant, String role, int version) {
        jdbc.sql("""
                UPDATE dashboards_templates SET undone_at = now()
                WHERE tenant_id = :t AND role = :role AND version = :v AND undone_at IS NULL""")
                .param("t", tenant.value())
                .param("role", role)
                .param("v", version)
                .update();
    }

    private static TemplateVersion version(ResultSet rs, int row) throws SQLException {
        String layout = rs.getString("layout");
        return new TemplateVersion(
                rs.getInt("version"),
                layout == null ? null : layout(layout),
                rs.getObject("saved_by", UUID.class),
                rs.getString("saved_by_name"),
                instant(rs.getTimestamp("saved_at")),
                instant(rs.getTimestamp("undone_at")));
    }

    private static DashboardLayout layout(String json) {
        return JSON.readValue(json, DashboardLayout.class);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
