package io.turno.queueing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.queueing.internal.PriorityService.PriorityCommand;
import io.turno.queueing.internal.PriorityService.PriorityView;
import io.turno.queueing.internal.QueueingDirectory.PriorityOption;
import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's priorities; every statement names its tenant. */
@Repository
class Priorities {

    static final String ONE_DEFAULT_INDEX = "queueing_priorities_one_default_uq";

    /** A priority as a ticket takes it: its weight, and its name for the ticket's history. */
    record Priority(UUID id, String name, int weight, boolean active) {}

    private static final String VIEW = """
            SELECT id, name, weight, description, is_default, active, created_at, updated_at FROM queueing_priorities
            """;

    private final JdbcClient jdbc;

    Priorities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResult<PriorityView> page(TenantId tenant, String text, Boolean active, int page, int size) {
        String where = """
                WHERE tenant_id = :t
                  AND (CAST(:text AS text) IS NULL OR name ILIKE '%' || :text || '%' OR description ILIKE '%' || :text || '%')
                  AND (CAST(:active AS boolean) IS NULL OR active = :active)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("t", tenant.value());
        params.put("text", Like.text(text));
        params.put("active", active);
        long total = jdbc.sql("SELECT count(*) FROM queueing_priorities " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY weight, lower(name), id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(Priorities::view)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<PriorityView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Priorities::view)
                .optional();
    }

    /** The current default, locked until the transaction ends, so two changes of default take turns. */
    Optional<PriorityView> lockDefault(TenantId tenant) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :t AND is_default FOR UPDATE")
                .param("t", tenant.value())
                .query(Priorities::view)
                .optional();
    }

    void clearDefault(TenantId tenant) {
        jdbc.sql(
                        "UPDATE queueing_priorities SET is_default = FALSE, updated_at = now() WHERE tenant_id = :t AND is_default")
                .param("t", tenant.value())
                .update();
    }

    void insert(TenantId tenant, UUID id, PriorityCommand priority) {
        jdbc.sql("""
                INSERT INTO queueing_priorities (id, tenant_id, name, weight, description, is_default, active)
                VALUES (:id, :t, :name, :weight, :description, :isDefault, :active)
                """)
                .param("id", id)
                .param("t", tenant.value())
                .params(columns(priority))
                .update();
    }

    void update(TenantId tenant, UUID id, PriorityCommand priority) {
        jdbc.sql("""
                UPDATE queueing_priorities
                SET name = :name, weight = :weight, description = :description, is_default = :isDefault,
                    active = :active, updated_at = now()
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant.value())
                .params(columns(priority))
                .update();
    }

    boolean deactivate(TenantId tenant, UUID id) {
        return jdbc.sql("""
                UPDATE queueing_priorities SET active = FALSE, updated_at = now()
                WHERE tenant_id = :t AND id = :id AND active AND NOT is_default
                """).param("t", tenant.value()).param("id", id).update() == 1;
    }

    Optional<Priority> priority(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT id, name, weight, active FROM queueing_priorities WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Priorities::priority)
                .optional();
    }

    /** The active priority of customers with an appointment today, if the tenant has one. */
    Optional<Priority> appointmentPriority(TenantId tenant) {
        return jdbc.sql("""
                SELECT id, name, weight, active FROM queueing_priorities
                WHERE tenant_id = :t AND appointment_holders AND active
                """)
                .param("t", tenant.value())
                .query(Priorities::priority)
                .optional();
    }

    Optional<Priority> defaultPriority(TenantId tenant) {
        return jdbc.sql("SELECT id, name, weight, active FROM queueing_priorities WHERE tenant_id = :t AND is_default")
                .param("t", tenant.value())
                .query(Priorities::priority)
                .optional();
    }

    /** The tenant's active priorities, the default first, then by weight. */
    List<PriorityOption> options(TenantId tenant) {
        return jdbc.sql("""
                SELECT id, name, weight, description, is_default FROM queueing_priorities
                WHERE tenant_id = :t AND active ORDER BY is_default DESC, weight, name
                """)
                .param("t", tenant.value())
                .query((rs, n) -> new PriorityOption(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getInt("weight"),
                        rs.getString("description"),
                        rs.getBoolean("is_default")))
                .list();
    }

    /** General (the default) and Preferencial, unless the tenant has any priority. */
    void insertStarters(TenantId tenant) {
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
                .param("t", tenant.value())
                .param("general", UUID.randomUUID())
                .param("preferential", UUID.randomUUID())
                .update();
    }

    /** Con cita, unless the tenant has a priority for appointment holders. */
    void insertAppointmentHolders(TenantId tenant) {
        jdbc.sql("""
                INSERT INTO queueing_priorities (id, tenant_id, name, weight, description, is_default, appointment_holders)
                SELECT :id, :t, 'Con cita', 2, 'Personas con una cita para hoy', FALSE, TRUE
                WHERE NOT EXISTS (SELECT 1 FROM queueing_priorities WHERE tenant_id = :t AND appointment_holders)
                ON CONFLICT DO NOTHING
                """).param("t", tenant.value()).param("id", UUID.randomUUID()).update();
    }

    private static Map<String, Object> columns(PriorityCommand priority) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("name", priority.name());
        columns.put("weight", priority.weight());
        columns.put("description", priority.description());
        columns.put("isDefault", priority.isDefault());
        columns.put("active", priority.active());
        return columns;
    }

    private static PriorityView view(ResultSet rs, int row) throws SQLException {
        return new PriorityView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getInt("weight"),
                rs.getString("description"),
                rs.getBoolean("is_default"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Priority priority(ResultSet rs, int row) throws SQLException {
        return new Priority(
                rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("weight"), rs.getBoolean("active"));
    }
}
