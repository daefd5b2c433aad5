package io.turno.queueing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Tickets and the configuration the ticket engine reads; every statement names its tenant. */
@Repository
class Tickets {

    record Branch(UUID id, ZoneId zone, CallPolicy policy, int maxRecalls, int rebalanceThreshold, boolean active) {
    }

    record Priority(UUID id, String name, int weight, boolean active) {
    }

    /** An active queue able to take a ticket, with what is ahead in it. */
    record QueueLoad(UUID id, String prefix, int waiting, int desks) {
    }

    record Desk(UUID id, UUID branchId, String name, boolean active, List<UUID> queues, List<UUID> overflow) {
    }

    private static final String VIEW = """
            SELECT t.id, t.display_number, t.branch_id, t.queue_id, q.name AS queue_name, t.service_id, t.customer_id,
                   t.priority_id, t.weight, t.status, t.issued_at, t.called_at, t.started_at, t.finished_at, t.desk_id,
                   d.name AS desk_name, t.assigned_desk_id, t.recalls, t.close_reason, t.public_token
            FROM queueing_tickets t JOIN queueing_queues q ON q.id = t.queue_id
            LEFT JOIN queueing_desks d ON d.id = t.desk_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Tickets(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Branch> branch(TenantId tenant, UUID id) {
        return jdbc.sql("""
                SELECT id, time_zone, call_policy, max_recalls, rebalance_threshold, active FROM queueing_branches
                WHERE tenant_id = :t AND id = :id""")
                .param("t", tenant.value()).param("id", id).query(Tickets::branch).optional();
    }

    List<Branch> activeBranches(TenantId tenant) {
        return jdbc.sql("""
                SELECT id, time_zone, call_policy, max_recalls, rebalance_threshold, active FROM queueing_branches
                WHERE tenant_id = :t AND active""")
                .param("t", tenant.value()).query(Tickets::branch).list();
    }

    Optional<Priority> priority(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT id, name, weight, active FROM queueing_priorities WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value()).param("id", id).query(Tickets::priority).optional();
    }

    Optional<Priority> defaultPriority(TenantId tenant) {
        return jdbc.sql("SELECT id, name, weight, active FROM queueing_priorities WHERE tenant_id = :t AND is_default")
                .param("t", tenant.value()).query(Tickets::priority).optional();
    }

    /** The branch's active queues that serve the service, each with its waiting tickets and its desks. */
    List<QueueLoad> queuesServing(TenantId tenant, UUID branch, UUID service) {
        return jdbc.sql("""
                SELECT q.id, q.prefix,
                       (SELECT count(*) FROM queueing_tickets w WHERE w.queue_id = q.id AND w.status = 'WAITING') AS waiting,
                       (SELECT count(*) FROM queueing_desk_queues dq JOIN queueing_desks d ON d.id = dq.desk_id
                        WHERE dq.queue_id = q.id AND NOT dq.overflow AND d.active) AS desks
                FROM queueing_queues q JOIN queueing_queue_services s ON s.queue_id = q.id
                WHERE q.tenant_id = :t AND q.branch_id = :branch AND s.service_id = :service AND q.active
                ORDER BY q.prefix
                """)
                .param("t", tenant.value()).param("branch", branch).param("service", service)
                .query((rs, n) -> new QueueLoad(rs.getObject("id", UUID.class), rs.getString("prefix"),
                        rs.getInt("waiting"), rs.getInt("desks")))
                .list();
    }

    List<UUID> queuesOfBranch(TenantId tenant, UUID branch) {
        return jdbc.sql("SELECT id FROM queueing_queues WHERE tenant_id = :t AND branch_id = :branch AND active")
                .param("t", tenant.value()).param("branch", branch).query(UUID.class).list();
    }

    /** A branch's active queues: how many wait, how many desks serve each, which services each takes. */
    record QueueState(UUID id, String prefix, int waiting, int desks, List<UUID> services) {
    }

    List<QueueState> queueStates(TenantId tenant, UUID branch) {
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
                .param("t", tenant.value()).param("b", branch)
                .query((rs, n) -> new QueueState(rs.getObject("id", UUID.class), rs.getString("prefix"), rs.getInt("waiting"),
                        rs.getInt("desks"), uuids(rs, "services")))
                .list();
    }

    /** Up to {@code limit} waiting tickets of {@code queue} for one of {@code services}, in calling order, locked. */
    List<TicketView> movable(TenantId tenant, UUID queue, List<UUID> services, CallPolicy policy, int limit, Instant now) {
        return jdbc.sql(VIEW + """
                WHERE t.tenant_id = :t AND t.queue_id = :q AND t.status = 'WAITING' AND t.assigned_desk_id IS NULL
                  AND t.service_id = ANY (:services)
                ORDER BY %s LIMIT :limit
                FOR UPDATE OF t SKIP LOCKED
                """.formatted(policy.order))
                .param("t", tenant.value()).param("q", queue).param("services", services.toArray(UUID[]::new))
                .param("limit", limit).param("now", Timestamp.from(now))
                .query(this::view).list();
    }

    /** The next number of the queue's day; the counter row stays locked until the transaction ends. */
    int nextNumber(TenantId tenant, UUID queue, LocalDate day) {
        return jdbc.sql("""
                INSERT INTO queueing_counters AS c (tenant_id, queue_id, service_day, last_number) VALUES (:t, :q, :day, 1)
                ON CONFLICT (queue_id, service_day) DO UPDATE SET last_number = c.last_number + 1
                RETURNING last_number
                """)
                .param("t", tenant.value()).param("q", queue).param("day", day).query(Integer.class).single();
    }

    void insert(TenantId tenant, UUID id, UUID branch, UUID queue, UUID service, UUID customer, Priority priority,
                LocalDate day, int number, String display, Instant issuedAt, String token) {
        jdbc.sql("""
                INSERT INTO queueing_tickets (id, tenant_id, branch_id, queue_id, service_id, customer_id, priority_id,
                                              weight, service_day, number, display_number, status, issued_at, public_token)
                VALUES (:id, :t, :branch, :queue, :service, :customer, :priority, :weight, :day, :number, :display,
                        'WAITING', :issued, :token)
                """)
                .param("id", id).param("t", tenant.value()).param("branch", branch).param("queue", queue)
                .param("service", service).param("customer", customer).param("priority", priority.id())
                .param("weight", priority.weight()).param("day", day).param("number", number).param("display", display)
                .param("issued", Timestamp.from(issuedAt)).param("token", token)
                .update();
    }

    /** Waiting tickets of the queue, the given one included. */
    int waiting(TenantId tenant, UUID queue) {
        return jdbc.sql("SELECT count(*) FROM queueing_tickets WHERE tenant_id = :t AND queue_id = :q AND status = 'WAITING'")
                .param("t", tenant.value()).param("q", queue).query(Integer.class).single();
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
                .param("t", tenant.value()).param("id", id)
                .query((rs, n) -> new Desk(rs.getObject("id", UUID.class), rs.getObject("branch_id", UUID.class),
                        rs.getString("name"), rs.getBoolean("active"), uuids(rs, "queues"), uuids(rs, "overflow")))
                .optional();
    }

    Optional<TicketView> openAtDesk(TenantId tenant, UUID desk) {
        return jdbc.sql(VIEW + " WHERE t.tenant_id = :t AND t.desk_id = :desk AND t.status IN ('CALLED', 'IN_SERVICE')")
                .param("t", tenant.value()).param("desk", desk).query(this::view).optional();
    }

    /**
     * Locks and answers the ticket the desk should call next among {@code queues}: first one
     * transferred to this desk, then by the branch's policy. Tickets another desk is locking are
     * skipped, so two desks calling at once never get the same one. {@code busiestFirst} orders by
     * queue length before the policy (overflow help goes where it is most needed).
     */
    Optional<UUID> claimNext(TenantId tenant, UUID desk, List<UUID> queues, CallPolicy policy, boolean busiestFirst,
                             Instant now) {
        String busiest = busiestFirst
                ? "(SELECT count(*) FROM queueing_tickets w WHERE w.queue_id = t.queue_id AND w.status = 'WAITING') DESC, "
                : "";
        return jdbc.sql("""
                SELECT t.id FROM queueing_tickets t
                WHERE t.tenant_id = :t AND t.status = 'WAITING'
                  AND ((t.queue_id = ANY (:queues) AND t.assigned_desk_id IS NULL) OR t.assigned_desk_id = :desk)
                ORDER BY (t.assigned_desk_id IS NOT NULL) DESC, %s%s
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """.formatted(busiest, policy.order))
                .param("t", tenant.value()).param("queues", queues.toArray(UUID[]::new)).param("desk", desk)
                .param("now", Timestamp.from(now))
                .query(UUID.class).optional();
    }

    Optional<TicketView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE t.tenant_id = :t AND t.id = :id").param("t", tenant.value()).param("id", id)
                .query(this::view).optional();
    }

    /** The ticket, locked for a state change. */
    Optional<TicketView> lock(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE t.tenant_id = :t AND t.id = :id FOR UPDATE OF t").param("t", tenant.value())
                .param("id", id).query(this::view).optional();
    }

    void call(TenantId tenant, UUID id, UUID desk, UUID operator, Instant now) {
        jdbc.sql("""
                UPDATE queueing_tickets SET status = 'CALLED', desk_id = :desk, operator_id = :operator, called_at = :now,
                       assigned_desk_id = NULL
                WHERE tenant_id = :t AND id = :id
                """)
                .param("t", tenant.value()).param("id", id).param("desk", desk).param("operator", operator)
                .param("now", Timestamp.from(now)).update();
    }

    void recall(TenantId tenant, UUID id) {
        // called_at stays the first call: waiting time ends when the customer is first called.
        jdbc.sql("UPDATE queueing_tickets SET recalls = recalls + 1 WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value()).param("id", id).update();
    }

    void start(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("UPDATE queueing_tickets SET status = 'IN_SERVICE', started_at = :now WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value()).param("id", id).param("now", Timestamp.from(now)).update();
    }

    void close(TenantId tenant, UUID id, TicketStatus status, String reason, Instant now) {
        jdbc.sql("""
                UPDATE queueing_tickets SET status = :status, finished_at = :now, close_reason = :reason,
                       started_at = CASE WHEN :status = 'COMPLETED' THEN coalesce(started_at, called_at) ELSE started_at END
                WHERE tenant_id = :t AND id = :id
                """)
                .param("t", tenant.value()).param("id", id).param("status", status.name()).param("reason", reason)
                .param("now", Timestamp.from(now)).update();
    }

    /** Back to waiting in {@code queue} (or for {@code desk}), with its arrival time and number kept. */
    void moveTo(TenantId tenant, UUID id, UUID queue, UUID desk) {
        jdbc.sql("""
                UPDATE queueing_tickets SET status = 'WAITING', queue_id = :queue, assigned_desk_id = :desk, desk_id = NULL,
                       operator_id = NULL, called_at = NULL, started_at = NULL, recalls = 0
                WHERE tenant_id = :t AND id = :id
                """)
                .param("t", tenant.value()).param("id", id).param("queue", queue).param("desk", desk).update();
    }

    void event(TenantId tenant, UUID ticket, String type, TicketStatus from, TicketStatus to, UUID queue, UUID desk,
               UUID actor, Map<String, ?> detail, Instant at) {
        jdbc.sql("""
                INSERT INTO queueing_ticket_events (tenant_id, ticket_id, type, from_status, to_status, queue_id, desk_id,
                                                    actor_id, detail, occurred_at)
                VALUES (:t, :ticket, :type, :from, :to, :queue, :desk, :actor, CAST(:detail AS jsonb), :at)
                """)
                .param("t", tenant.value()).param("ticket", ticket).param("type", type)
                .param("from", from == null ? null : from.name()).param("to", to.name()).param("queue", queue)
                .param("desk", desk).param("actor", actor).param("detail", json.writeValueAsString(detail))
                .param("at", Timestamp.from(at)).update();
    }

    List<TicketView.Event> history(TenantId tenant, UUID ticket) {
        return jdbc.sql("""
                SELECT type, from_status, to_status, queue_id, desk_id, actor_id, detail::text AS detail, occurred_at
                FROM queueing_ticket_events WHERE tenant_id = :t AND ticket_id = :ticket ORDER BY id
                """)
                .param("t", tenant.value()).param("ticket", ticket)
                .query((rs, n) -> new TicketView.Event(rs.getString("type"),
                        rs.getString("from_status") == null ? null : TicketStatus.valueOf(rs.getString("from_status")),
                        TicketStatus.valueOf(rs.getString("to_status")), rs.getObject("queue_id", UUID.class),
                        rs.getObject("desk_id", UUID.class), rs.getObject("actor_id", UUID.class),
                        detail(rs.getString("detail")), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> detail(String text) {
        return json.readValue(text, Map.class);
    }

    private TicketView view(ResultSet rs, int row) throws SQLException {
        return new TicketView(rs.getObject("id", UUID.class), rs.getString("display_number"),
                rs.getObject("branch_id", UUID.class), rs.getObject("queue_id", UUID.class), rs.getString("queue_name"),
                rs.getObject("service_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getObject("priority_id", UUID.class), rs.getInt("weight"), TicketStatus.valueOf(rs.getString("status")),
                instant(rs, "issued_at"), instant(rs, "called_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getObject("desk_id", UUID.class), rs.getString("desk_name"), rs.getObject("assigned_desk_id", UUID.class),
                rs.getInt("recalls"), rs.getString("close_reason"), "/api/v1/public/tickets/" + rs.getString("public_token"),
                null);
    }

    private static Branch branch(ResultSet rs, int row) throws SQLException {
        return new Branch(rs.getObject("id", UUID.class), ZoneId.of(rs.getString("time_zone")),
                CallPolicy.valueOf(rs.getString("call_policy")), rs.getInt("max_recalls"), rs.getInt("rebalance_threshold"),
                rs.getBoolean("active"));
    }

    private static Priority priority(ResultSet rs, int row) throws SQLException {
        return new Priority(rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("weight"), rs.getBoolean("active"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
        return List.of((UUID[]) rs.getArray(column).getArray());
    }
}
