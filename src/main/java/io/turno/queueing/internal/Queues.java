package io.turno.queueing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.queueing.internal.QueueingDirectory.QueueOption;
import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's queues, the services each takes and how loaded each is; every statement names its tenant. */
@Repository
class Queues {

    /** A queue row with its branch, its services and the tickets waiting in it now. */
    record QueueRow(
            UUID id,
            UUID branchId,
            String branchName,
            String name,
            String prefix,
            List<UUID> serviceIds,
            int waiting,
            boolean active,
            java.time.Instant createdAt,
            java.time.Instant updatedAt) {}

    /** An active queue able to take a ticket. */
    record QueueSlot(UUID id, String prefix) {}

    /** A branch's active queue: how many wait, how many desks serve it, which services it takes. */
    record QueueState(UUID id, String prefix, int waiting, int desks, List<UUID> services) {}

    private static final String VIEW = """
            SELECT q.id, q.branch_id, b.name AS branch_name, q.name, q.prefix, q.active, q.created_at, q.updated_at,
                   coalesce((SELECT array_agg(s.service_id ORDER BY s.service_id) FROM queueing_queue_services s
                             WHERE s.queue_id = q.id), '{}') AS service_ids,
                   (SELECT count(*) FROM queueing_tickets w WHERE w.queue_id = q.id AND w.status = 'WAITING') AS waiting
            FROM queueing_queues q JOIN queueing_branches b ON b.id = q.branch_id
            """;

    private final JdbcClient jdbc;

    Queues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResult<QueueRow> page(
            TenantId tenant, UUID branch, UUID service, String text, Boolean active, int page, int size) {
        String where = """
                WHERE q.tenant_id = :t
                  AND (CAST(:branch AS uuid) IS NULL OR q.branch_id = :branch)
                  AND (CAST(:service AS uuid) IS NULL
                       OR EXISTS (SELECT 1 FROM queueing_queue_services s WHERE s.queue_id = q.id AND s.service_id = :service))
                  AND (CAST(:text AS text) IS NULL OR q.name ILIKE '%' || :text || '%' OR q.prefix ILIKE :text)
                  AND (CAST(:active AS boolean) IS NULL OR q.active = :active)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("t", tenant.value());
        params.put("branch", branch);
        params.put("service", service);
        params.put("text", Like.text(text));
        params.put("active", active);
        long total = jdbc.sql("SELECT count(*) FROM queueing_queues q " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(
                        VIEW + where + " ORDER BY lower(b.name), q.branch_id, q.prefix LIMIT :limit OFFSET :offset")
                .params(params)
                .query(Queues::row)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<QueueRow> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE q.tenant_id = :t AND q.id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Queues::row)
                .optional();
    }

    /** The tenant's queues among {@code ids}, by id; unknown ids are left out. */
    Map<UUID, QueueRow> findAll(TenantId tenant, Collection<UUID> ids) {
        Map<UUID, QueueRow> found = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql(VIEW + " WHERE q.tenant_id = :t AND q.id = ANY (:ids)")
                    .param("t", tenant.value())
                    .param("ids", ids.toArray(UUID[]::new))
                    .query(Queues::row)
                    .list()
                    .forEach(queue -> found.put(queue.id(), queue));
        }
        return found;
    }

    void insert(TenantId tenant, UUID id, UUID branch, String name, String prefix, boolean active) {
        jdbc.sql("""
                INSERT INTO queueing_queues (id, tenant_id, branch_id, name, prefix, active)
                VALUES (:id, :t, :branch, :name, :prefix, :active)
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("branch", branch)
                .param("name", name)
                .param("prefix", prefix)
                .param("active", active)
                .update();
    }

    void update(TenantId tenant, UUID id, String name, String prefix, boolean active) {
        jdbc.sql("""
                UPDATE queueing_queues SET name = :name, prefix = :prefix, active = :active, updated_at = now()
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("name", name)
                .param("prefix", prefix)
                .param("active", active)
                .update();
    }

    void replaceServices(TenantId tenant, UUID queue, List<UUID> services) {
        jdbc.sql("DELETE FROM queueing_queue_services WHERE tenant_id = :t AND queue_id = :q")
                .param("t", tenant.value())
                .param("q", queue)
                .update();
        for (UUID service : services) {
            jdbc.sql("INSERT INTO queueing_queue_services (tenant_id, queue_id, service_id) VALUES (:t, :q, :s)")
                    .param("t", tenant.value())
                    .param("q", queue)
                    .param("s", service)
                    .update();
        }
    }

    boolean deactivate(TenantId tenant, UUID id) {
        return jdbc.sql(
                                "UPDATE queueing_queues SET active = FALSE, updated_at = now() WHERE tenant_id = :t AND id = :id AND active")
                        .param("t", tenant.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    /** The ids of the branch's active queues. */
    List<UUID> activeIds(TenantId tenant, UUID branch) {
        return jdbc.sql("SELECT id FROM queueing_queues WHERE tenant_id = :t AND branch_id = :branch AND active")
                .param("t", tenant.value())
                .param("branch", branch)
                .query(UUID.class)
                .list();
    }

    List<QueueState> states(TenantId tenant, UUID branch) {
        return jdbc.sql("""
                SELECT q.id, q.prefix,
                       (SELECT count(*) FROM queueing_tickets w WHERE w.queue_id = q.id AND w.status = 'WAITING') AS waiting,
                       (SELECT count(*) FROM queueing_desk_queues dq JOIN queueing_desks d ON d.id = dq.desk_id
                        WHERE dq.queue_id = q.id AND NOT dq.overflow AND d.active) AS desks,
                       coalesce((SELECT array_agg(s.service_id) FROM queueing_queue_services s WHERE s.queue_id = q.id), '{}')
                           AS services
                FROM queueing_queues q WHERE q.tenant_id = :t AND q.branch_id = :b AND q.active
                ORDER BY q.prefix
                """)
                .param("t", tenant.value())
                .param("b", branch)
                .query((rs, n) -> new QueueState(
                        rs.getObject("id", UUID.class),
                        rs.getString("prefix"),
                        rs.getInt("waiting"),
                        rs.getInt("desks"),
                        List.of((UUID[]) rs.getArray("services").getArray())))
                .list();
    }

    /** The branch's active queues, by prefix. */
    List<QueueOption> options(TenantId tenant, UUID branch) {
        return jdbc.sql("""
                SELECT id, name, prefix FROM queueing_queues WHERE tenant_id = :t AND branch_id = :b AND active
                ORDER BY prefix
                """)
                .param("t", tenant.value())
                .param("b", branch)
                .query((rs, n) ->
                        new QueueOption(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix")))
                .list();
    }

    /** The services at least one active queue of the branch takes. */
    List<UUID> servicesTaken(TenantId tenant, UUID branch) {
        return jdbc.sql("""
                SELECT DISTINCT s.service_id FROM queueing_queue_services s JOIN queueing_queues q ON q.id = s.queue_id
                WHERE q.tenant_id = :t AND q.branch_id = :b AND q.active
                """)
                .param("t", tenant.value())
                .param("b", branch)
                .query(UUID.class)
                .list();
    }

    private static QueueRow row(ResultSet rs, int n) throws SQLException {
        return new QueueRow(
                rs.getObject("id", UUID.class),
                rs.getObject("branch_id", UUID.class),
                rs.getString("branch_name"),
                rs.getString("name"),
                rs.getString("prefix"),
                List.of((UUID[]) rs.getArray("service_ids").getArray()),
                rs.getInt("waiting"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
