package io.turno.queueing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.queueing.internal.QueueingDirectory.DeskOption;
import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's desks and the queues each serves; every statement names its tenant. */
@Repository
class Desks {

    static final String OPERATOR_INDEX = "queueing_desks_operator_uq";

    /** A desk row: its own queues and its overflow queues, each in order. */
    record DeskRow(
            UUID id,
            UUID branchId,
            String branchName,
            String name,
            UUID operatorId,
            List<UUID> queueIds,
            List<UUID> overflowQueueIds,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {}

    /** A desk as the ticket engine reads it: its own queues and its overflow queues, each in order. */
    record Desk(UUID id, UUID branchId, String name, boolean active, List<UUID> queues, List<UUID> overflow) {}

    /** A desk, the ticket it has open (if any) and its branch's policy, in one round trip. */
    record DeskContext(Desk desk, CallPolicy policy, String openNumber, TicketStatus openStatus) {}

    private static final String OPTION = """
            SELECT d.id, d.name, d.branch_id, b.name AS branch_name
            FROM queueing_desks d JOIN queueing_branches b ON b.id = d.branch_id
            """;

    private static final String VIEW = """
            SELECT d.id, d.branch_id, b.name AS branch_name, d.name, d.operator_id, d.active, d.created_at, d.updated_at,
                   coalesce((SELECT array_agg(dq.queue_id ORDER BY dq.position) FROM queueing_desk_queues dq
                             WHERE dq.desk_id = d.id AND NOT dq.overflow), '{}') AS queue_ids,
                   coalesce((SELECT array_agg(dq.queue_id ORDER BY dq.position) FROM queueing_desk_queues dq
                             WHERE dq.desk_id = d.id AND dq.overflow), '{}') AS overflow_queue_ids
            FROM queueing_desks d JOIN queueing_branches b ON b.id = d.branch_id
            """;

    /** The active desks that serve the queue in {@code queueColumn} as one of their own (not as overflow help). */
    static String serving(String queueColumn) {
        return """
                (SELECT count(*) FROM queueing_desk_queues dq JOIN queueing_desks d ON d.id = dq.desk_id
                 WHERE dq.tenant_id = :t AND dq.queue_id = %s AND NOT dq.overflow AND d.active)""".formatted(queueColumn);
    }

    private final JdbcClient jdbc;

    Desks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResult<DeskRow> page(
            TenantId tenant, UUID branch, UUID operator, UUID queue, String text, Boolean active, int page, int size) {
        String where = """
                WHERE d.tenant_id = :t
                  AND (CAST(:branch AS uuid) IS NULL OR d.branch_id = :branch)
                  AND (CAST(:operator AS uuid) IS NULL OR d.operator_id = :operator)
                  AND (CAST(:queue AS uuid) IS NULL
                       OR EXISTS (SELECT 1 FROM queueing_desk_queues dq WHERE dq.desk_id = d.id AND dq.queue_id = :queue))
                  AND (CAST(:text AS text) IS NULL OR d.name ILIKE '%' || :text || '%')
                  AND (CAST(:active AS boolean) IS NULL OR d.active = :active)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("t", tenant.value());
        params.put("branch", branch);
        params.put("operator", operator);
        params.put("queue", queue);
        params.put("text", Like.text(text));
        params.put("active", active);
        long total = jdbc.sql("SELECT count(*) FROM queueing_desks d " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where
                        + " ORDER BY lower(b.name), d.branch_id, lower(d.name), d.id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(Desks::row)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<DeskRow> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE d.tenant_id = :t AND d.id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Desks::row)
                .optional();
    }

    /** The name of the other active desk where {@code operator} sits, if any. */
    Optional<String> deskOf(TenantId tenant, UUID operator, UUID except) {
        return jdbc.sql("""
                SELECT name FROM queueing_desks
                WHERE tenant_id = :t AND operator_id = :operator AND active AND id <> :except
                """)
                .param("t", tenant.value())
                .param("operator", operator)
                .param("except", except)
                .query(String.class)
                .optional();
    }

    void insert(TenantId tenant, UUID id, UUID branch, String name, UUID operator, boolean active) {
        jdbc.sql("""
                INSERT INTO queueing_desks (id, tenant_id, branch_id, name, operator_id, active)
                VALUES (:id, :t, :branch, :name, :operator, :active)
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("branch", branch)
                .param("name", name)
                .param("operator", operator)
                .param("active", active)
                .update();
    }

    void update(TenantId tenant, UUID id, String name, UUID operator, boolean active) {
        jdbc.sql("""
                UPDATE queueing_desks SET name = :name, operator_id = :operator, active = :active, updated_at = now()
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("name", name)
                .param("operator", operator)
                .param("active", active)
                .update();
    }

    void setOperator(TenantId tenant, UUID id, UUID operator) {
        jdbc.sql(
                        "UPDATE queueing_desks SET operator_id = :operator, updated_at = now() WHERE tenant_id = :t AND id = :id")
                .param("id", id)
                .param("t", tenant.value())
                .param("operator", operator)
                .update();
    }

    /** The desk's queues become {@code queues} then {@code overflow}, positions in that order. */
    void replaceQueues(TenantId tenant, UUID desk, List<UUID> queues, List<UUID> overflow) {
        jdbc.sql("DELETE FROM queueing_desk_queues WHERE tenant_id = :t AND desk_id = :d")
                .param("t", tenant.value())
                .param("d", desk)
                .update();
        int position = 0;
        for (UUID queue : queues) {
            link(tenant, desk, queue, position++, false);
        }
        for (UUID queue : overflow) {
            link(tenant, desk, queue, position++, true);
        }
    }

    boolean deactivate(TenantId tenant, UUID id) {
        return jdbc.sql(
                                "UPDATE queueing_desks SET active = FALSE, updated_at = now() WHERE tenant_id = :t AND id = :id AND active")
                        .param("t", tenant.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    Optional<Desk> desk(TenantId tenant, UUID id) {
        return jdbc.sql("""
                SELECT d.id, d.branch_id, d.name, d.active,
                       coalesce(array_agg(dq.queue_id ORDER BY dq.position) FILTER (WHERE NOT dq.overflow), '{}') AS queues,
                       coalesce(array_agg(dq.queue_id ORDER BY dq.position) FILTER (WHERE dq.overflow), '{}') AS overflow
                FROM queueing_desks d LEFT JOIN queueing_desk_queues dq ON dq.desk_id = d.id
                WHERE d.tenant_id = :t AND d.id = :id
                GROUP BY d.id
                """)
                .param("t", tenant.value())
                .param("id", id)
                .query((rs, n) -> desk(rs))
                .optional();
    }

    Optional<DeskContext> context(TenantId tenant, UUID id) {
        return jdbc.sql("""
                SELECT d.id, d.branch_id, d.name, d.active, b.call_policy,
                       coalesce(array_agg(dq.queue_id ORDER BY dq.position) FILTER (WHERE NOT dq.overflow), '{}') AS queues,
                       coalesce(array_agg(dq.queue_id ORDER BY dq.position) FILTER (WHERE dq.overflow), '{}') AS overflow,
                       (SELECT t.display_number || ' ' || t.status FROM queueing_tickets t
                        WHERE t.desk_id = d.id AND t.status IN ('CALLED', 'IN_SERVICE') LIMIT 1) AS open
                FROM queueing_desks d JOIN queueing_branches b ON b.id = d.branch_id
                LEFT JOIN queueing_desk_queues dq ON dq.desk_id = d.id
                WHERE d.tenant_id = :t AND d.id = :id
                GROUP BY d.id, b.call_policy
                """)
                .param("t", tenant.value())
                .param("id", id)
                .query((rs, n) -> {
                    String open = rs.getString("open");
                    return new DeskContext(
                            desk(rs),
                            CallPolicy.valueOf(rs.getString("call_policy")),
                            open == null ? null : open.substring(0, open.indexOf(' ')),
                            open == null ? null : TicketStatus.valueOf(open.substring(open.indexOf(' ') + 1)));
                })
                .optional();
    }

    /** The tenant's active desks of active branches, by branch and desk name. */
    List<DeskOption> options(TenantId tenant) {
        return jdbc.sql(OPTION + " WHERE d.tenant_id = :t AND d.active AND b.active ORDER BY b.name, d.name")
                .param("t", tenant.value())
                .query(Desks::option)
                .list();
    }

    /** One desk of the tenant, whatever its state. */
    Optional<DeskOption> option(TenantId tenant, UUID id) {
        return jdbc.sql(OPTION + " WHERE d.tenant_id = :t AND d.id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Desks::option)
                .optional();
    }

    /** The branch's active desks other than {@code except}: where a ticket may be sent. */
    List<DeskOption> otherOptions(TenantId tenant, UUID branch, UUID except) {
        return jdbc.sql(OPTION + " WHERE d.tenant_id = :t AND d.branch_id = :b AND d.active AND d.id <> :except"
                        + " ORDER BY d.name")
                .param("t", tenant.value())
                .param("b", branch)
                .param("except", except)
                .query(Desks::option)
                .list();
    }

    private void link(TenantId tenant, UUID desk, UUID queue, int position, boolean overflow) {
        jdbc.sql("""
                INSERT INTO queueing_desk_queues (tenant_id, desk_id, queue_id, position, overflow)
                VALUES (:t, :d, :q, :p, :o)
                """)
                .param("t", tenant.value())
                .param("d", desk)
                .param("q", queue)
                .param("p", position)
                .param("o", overflow)
                .update();
    }

    private static DeskRow row(ResultSet rs, int n) throws SQLException {
        return new DeskRow(
                rs.getObject("id", UUID.class),
                rs.getObject("branch_id", UUID.class),
                rs.getString("branch_name"),
                rs.getString("name"),
                rs.getObject("operator_id", UUID.class),
                List.of((UUID[]) rs.getArray("queue_ids").getArray()),
                List.of((UUID[]) rs.getArray("overflow_queue_ids").getArray()),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Desk desk(ResultSet rs) throws SQLException {
        return new Desk(
                rs.getObject("id", UUID.class),
                rs.getObject("branch_id", UUID.class),
                rs.getString("name"),
                rs.getBoolean("active"),
                List.of((UUID[]) rs.getArray("queues").getArray()),
                List.of((UUID[]) rs.getArray("overflow").getArray()));
    }

    private static DeskOption option(ResultSet rs, int row) throws SQLException {
        return new DeskOption(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("branch_id", UUID.class),
                rs.getString("branch_name"));
    }
}
