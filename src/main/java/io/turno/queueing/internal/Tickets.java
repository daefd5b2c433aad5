package io.turno.queueing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's tickets and their history; every statement names its tenant. */
@Repository
class Tickets {

    /** How many tickets wait in a queue (counted up to {@link #WAITING_COUNTED_UP_TO}) and how many desks serve it as their own. */
    record QueueLoad(int waiting, int desks) {}

    private static final String VIEW = """
            SELECT t.id, t.display_number, t.branch_id, t.queue_id, q.name AS queue_name, t.service_id, t.customer_id,
                   t.priority_id, t.weight, t.status, t.issued_at, t.called_at, t.started_at, t.finished_at, t.desk_id,
                   d.name AS desk_name, t.assigned_desk_id, t.recalls, t.close_reason, t.public_token
            FROM queueing_tickets t JOIN queueing_queues q ON q.id = t.queue_id
            LEFT JOIN queueing_desks d ON d.id = t.desk_id
            """;

    /**
     * Issuing counts a queue's waiting tickets up to here: enough to compare queues and tell a
     * customer where they stand, and the cost of a ticket does not grow with a runaway queue.
     */
    static final int WAITING_COUNTED_UP_TO = 1000;

    /**
     * The waiting tickets of the queue in {@code queueColumn}, counted up to {@link #WAITING_COUNTED_UP_TO}
     * in arrival order, so the waiting tickets' own index is read, not the whole table.
     */
    private static String waitingCount(String queueColumn) {
        return """
                (SELECT count(*) FROM (SELECT 1 FROM queueing_tickets w
                                       WHERE w.tenant_id = :t AND w.queue_id = %s AND w.status = 'WAITING'
                                       ORDER BY w.issued_at LIMIT %d) w)""".formatted(queueColumn, WAITING_COUNTED_UP_TO);
    }

    /**
     * {@code WITH RECURSIVE} elements ending in {@code candidates}: the first {@code perWeight} waiting
     * tickets of each weight present in each queue of an element {@code queue (id)} (only those not
     * transferred to one desk when {@code unassignedOnly}), whatever weights the priorities have now. Every policy calls
     * the longest waiting of some weight first, so the next ticket is among these.
     * <p>
     * The (queue, weight, issued_at) index is read once from its head, for the lowest weight: the
     * entries of tickets called since the last vacuum lie there, and each walk over them cost as much
     * as the rest of a call. Each higher weight is then one step of the index past the one before.
     */
    static String waitingCandidates(int perWeight, boolean unassignedOnly) {
        String condition = unassignedOnly ? "x.assigned_desk_id IS NULL" : "true";
        return """
                -- Each queue's index read from its head: the lowest weight's first tickets.
                head AS (
                    SELECT c.* FROM queue CROSS JOIN LATERAL (
                        SELECT x.id, x.queue_id, x.weight, x.issued_at, x.assigned_desk_id, x.display_number
                        FROM queueing_tickets x
                        WHERE x.queue_id = queue.id AND x.status = 'WAITING' AND %2$s
                        ORDER BY x.weight, x.issued_at LIMIT %1$d) c),
                -- The weights waiting in each queue, each higher one a step of the index past the one before.
                present (queue_id, weight, higher) AS (
                    SELECT head.queue_id, min(head.weight), false FROM head GROUP BY head.queue_id
                    UNION ALL
                    SELECT present.queue_id, (SELECT x.weight FROM queueing_tickets x
                                              WHERE x.queue_id = present.queue_id AND x.status = 'WAITING'
                                                AND x.weight > present.weight
                                              ORDER BY x.weight, x.issued_at LIMIT 1), true
                    FROM present WHERE present.weight IS NOT NULL),
                candidates AS (
                    SELECT * FROM head
                    UNION
                    -- The weight as a range and in the ORDER BY: so the planner walks the (queue, weight,
                    -- issued_at) index. With "weight = w" it can pick the (queue, issued_at) index instead
                    -- and read every waiting ticket of the queue.
                    SELECT c.* FROM present CROSS JOIN LATERAL (
                        SELECT x.id, x.queue_id, x.weight, x.issued_at, x.assigned_desk_id, x.display_number
                        FROM queueing_tickets x
                        WHERE x.queue_id = present.queue_id AND x.status = 'WAITING'
                          AND x.weight >= present.weight AND x.weight <= present.weight AND %2$s
                        ORDER BY x.weight, x.issued_at LIMIT %1$d) c
                    WHERE present.higher AND present.weight IS NOT NULL)""".formatted(perWeight, condition);
    }

    /**
     * Enough to skip the tickets other desks are claiming at the same moment. Like
     * {@link #WAITING_COUNTED_UP_TO}, written into the SQL, not bound: with a bound LIMIT PostgreSQL
     * cannot cost a generic plan and plans the statement again on every execution (1-2 ms each).
     */
    static final int CANDIDATES_PER_WEIGHT = 32;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Tickets(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Per queue, its waiting tickets and its desks: read once per batch of tickets, not per ticket,
     * because counting desks cost a ticket's request more than everything else it read.
     */
    Map<UUID, QueueLoad> loads(TenantId tenant, List<UUID> queues) {
        var loads = new java.util.HashMap<UUID, QueueLoad>();
        jdbc.sql("""
                SELECT q.id, %s AS waiting, %s AS desks
                FROM unnest(CAST(:queues AS uuid[])) AS q (id)
                """.formatted(waitingCount("q.id"), Desks.serving("q.id")))
                .param("t", tenant.value())
                .param("queues", queues.toArray(UUID[]::new))
                .query(rs -> {
                    loads.put(rs.getObject(1, UUID.class), new QueueLoad(rs.getInt(2), rs.getInt(3)));
                });
        return loads;
    }

    /** A ticket about to be written; its number comes from the queue's counter. */
    record NewTicket(
            UUID id,
            UUID service,
            UUID customer,
            Priorities.Priority priority,
            Instant issuedAt,
            String token,
            UUID actor) {}

    /**
     * Takes the next {@code tickets.size()} numbers of the queue's day and writes the tickets, their
     * first history rows and the board notification in one statement; answers the numbers shown, in
     * order. The counter row stays locked until the transaction ends, so numbers are consecutive: a
     * rolled-back batch gives its numbers back.
     */
    List<String> issue(TenantId tenant, UUID branch, Queues.QueueSlot queue, LocalDate day, List<NewTicket> tickets) {
        return jdbc.sql("""
                WITH n AS (
                    INSERT INTO queueing_counters AS c (tenant_id, queue_id, service_day, last_number)
                    VALUES (:t, :queue, :day, :count)
                    ON CONFLICT (queue_id, service_day) DO UPDATE SET last_number = c.last_number + :count
                    RETURNING last_number - :count AS base),
                input AS (
                    SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:services AS uuid[]), CAST(:customers AS uuid[]),
                                         CAST(:priorities AS uuid[]), CAST(:weights AS int[]), CAST(:names AS text[]),
                                         CAST(:issued AS timestamptz[]), CAST(:tokens AS text[]), CAST(:actors AS uuid[]))
                        WITH ORDINALITY AS i (id, service, customer, priority, weight, priority_name, issued_at, token,
                                              actor, position)),
                ticket AS (
                    INSERT INTO queueing_tickets (id, tenant_id, branch_id, queue_id, service_id, customer_id, priority_id,
                                                  weight, service_day, number, display_number, status, issued_at,
                                                  public_token)
                    SELECT i.id, :t, :branch, :queue, i.service, i.customer, i.priority, i.weight, :day, n.base + i.position,
                           :prefix || '-' || CASE WHEN n.base + i.position < 1000
                                                  THEN lpad(CAST(n.base + i.position AS text), 3, '0')
                                                  ELSE CAST(n.base + i.position AS text) END,
                           'WAITING', i.issued_at, i.token
                    FROM input i CROSS JOIN n
                    RETURNING number, display_number),
                history AS (
                    INSERT INTO queueing_ticket_events (tenant_id, ticket_id, type, to_status, queue_id, actor_id, detail,
                                                        occurred_at)
                    SELECT :t, i.id, 'ISSUED', 'WAITING', :queue, i.actor,
                           jsonb_build_object('priority', i.priority_name, 'weight', i.weight), i.issued_at
                    FROM input i)
                -- Identical notifications of one transaction are delivered once.
                SELECT ticket.display_number, pg_notify('turno_board', :board) FROM ticket ORDER BY ticket.number
                """)
                .param("t", tenant.value())
                .param("branch", branch)
                .param("queue", queue.id())
                .param("prefix", queue.prefix())
                .param("day", day)
                .param("count", tickets.size())
                .param("ids", tickets.stream().map(NewTicket::id).toArray(UUID[]::new))
                .param("services", tickets.stream().map(NewTicket::service).toArray(UUID[]::new))
                .param("customers", tickets.stream().map(NewTicket::customer).toArray(UUID[]::new))
                .param(
                        "priorities",
                        tickets.stream().map(t -> t.priority().id()).toArray(UUID[]::new))
                .param(
                        "weights",
                        tickets.stream().map(t -> t.priority().weight()).toArray(Integer[]::new))
                .param("names", tickets.stream().map(t -> t.priority().name()).toArray(String[]::new))
                .param(
                        "issued",
                        tickets.stream().map(t -> Timestamp.from(t.issuedAt())).toArray(Timestamp[]::new))
                .param("tokens", tickets.stream().map(NewTicket::token).toArray(String[]::new))
                .param("actors", tickets.stream().map(NewTicket::actor).toArray(UUID[]::new))
                .param("board", tenant + ":" + branch)
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    /** Up to {@code limit} waiting tickets of {@code queue} for one of {@code services}, in calling order, locked. */
    List<TicketView> movable(
            TenantId tenant, UUID queue, List<UUID> services, CallPolicy policy, int limit, Instant now) {
        return jdbc.sql(VIEW + """
                WHERE t.tenant_id = :t AND t.queue_id = :q AND t.status = 'WAITING' AND t.assigned_desk_id IS NULL
                  AND t.service_id = ANY (:services)
                ORDER BY %s LIMIT :limit
                FOR UPDATE OF t SKIP LOCKED
                """.formatted(policy.order))
                .param("t", tenant.value())
                .param("q", queue)
                .param("services", services.toArray(UUID[]::new))
                .param("limit", limit)
                .param("now", Timestamp.from(now))
                .query(this::view)
                .list();
    }

    Optional<TicketView> openAtDesk(TenantId tenant, UUID desk) {
        return jdbc.sql(VIEW + " WHERE t.tenant_id = :t AND t.desk_id = :desk AND t.status IN ('CALLED', 'IN_SERVICE')")
                .param("t", tenant.value())
                .param("desk", desk)
                .query(this::view)
                .optional();
    }

    /**
     * Claims the ticket the desk should call next among its queues (or its overflow queues) and calls it, in one
     * statement: first a ticket transferred to this desk, then by the branch's policy. Rows another
     * desk is claiming are skipped, so two desks calling at once never get the same ticket. Every
     * policy picks the longest waiting of some weight, so only the first few of each weight waiting
     * in each queue are candidates, however long the queue.
     * {@code overflow} orders by queue length before the policy (overflow help goes where it is
     * most needed).
     */
    Optional<TicketView> callNext(
            TenantId tenant, UUID desk, boolean overflow, CallPolicy policy, UUID operator, Instant now) {
        // Two statements, not one with the flag bound: bound, the generic plan carries the overflow count
        // that a call of a desk's own queues never runs, costs more than a custom plan, and PostgreSQL
        // planned every call again (2.9 ms of its CPU per call, pg_stat_statements).
        String desksQueues = overflow ? "dq.overflow" : "NOT dq.overflow";
        String waiting = overflow ? waitingCount("dq.queue_id") : "NULL";
        String busiest = overflow ? "(SELECT queue.waiting FROM queue WHERE queue.id = t.queue_id) DESC, " : "";
        return jdbc.sql("""
                WITH RECURSIVE
                -- The desk's queues read here, not bound as an array: PostgreSQL estimates an array of
                -- unknown size at ten queues, never trusts a generic plan and plans every call again.
                -- Overflow help goes to the busiest queue: each queue's waiting tickets counted once.
                queue AS (
                    SELECT dq.queue_id AS id, %3$s AS waiting
                    FROM queueing_desk_queues dq
                    WHERE dq.tenant_id = :t AND dq.desk_id = :desk AND %4$s),
                %5$s,
                -- And a ticket transferred to this desk, which only this desk calls.
                eligible AS (
                    SELECT * FROM candidates
                    UNION
                    SELECT x.id, x.queue_id, x.weight, x.issued_at, x.assigned_desk_id, x.display_number
                    FROM queueing_tickets x
                    WHERE x.tenant_id = :t AND x.assigned_desk_id = :desk AND x.status = 'WAITING'),
                -- Best first, ranked on what the scans above read: fetching every candidate again to rank
                -- it cost a call two thirds of its buffers.
                ranked AS MATERIALIZED (
                    SELECT t.id FROM eligible t
                    ORDER BY (t.assigned_desk_id IS NOT NULL) DESC, %1$s%2$s),
                -- Tried in rank order until one still waits and can be locked: those called since this
                -- statement began (V3) or being claimed by another desk are passed over.
                next AS (
                    SELECT claimed.id FROM ranked CROSS JOIN LATERAL (
                        SELECT t.id FROM queueing_tickets t
                        WHERE t.id = ranked.id AND t.tenant_id = :t AND t.status = 'WAITING'
                          AND queueing_ticket_status_now(:t, t.id) = 'WAITING'
                        FOR UPDATE SKIP LOCKED) claimed
                    LIMIT 1),
                called AS (
                    UPDATE queueing_tickets t SET status = 'CALLED', desk_id = :desk, operator_id = :operator,
                           called_at = :now, assigned_desk_id = NULL
                    FROM next WHERE t.id = next.id
                    RETURNING t.*),
                history AS (
                    INSERT INTO queueing_ticket_events (tenant_id, ticket_id, type, from_status, to_status, queue_id,
                                                        desk_id, actor_id, occurred_at)
                    SELECT :t, called.id, 'CALLED', 'WAITING', 'CALLED', called.queue_id, :desk, :operator, :now
                    FROM called)
                SELECT t.id, t.display_number, t.branch_id, t.queue_id, q.name AS queue_name, t.service_id, t.customer_id,
                       t.priority_id, t.weight, t.status, t.issued_at, t.called_at, t.started_at, t.finished_at, t.desk_id,
                       d.name AS desk_name, t.assigned_desk_id, t.recalls, t.close_reason, t.public_token,
                       pg_notify('turno_board', :t || ':' || t.branch_id)
                FROM called t JOIN queueing_queues q ON q.id = t.queue_id JOIN queueing_desks d ON d.id = t.desk_id
                """.formatted(
                        busiest, policy.order, waiting, desksQueues, waitingCandidates(CANDIDATES_PER_WEIGHT, true)))
                .param("t", tenant.value())
                .param("desk", desk)
                .param("operator", operator)
                .param("now", Timestamp.from(now))
                .query(this::view)
                .optional();
    }

    /**
     * Calls the ticket the desk chose, if it still waits for this desk (in one of its queues,
     * overflow included, and not transferred to another desk). Of two desks choosing it at once the
     * second waits for the first's row lock, then finds it no longer WAITING and gets nothing.
     */
    Optional<TicketView> callChosen(TenantId tenant, UUID desk, UUID ticket, UUID operator, Instant now) {
        return jdbc.sql("""
                WITH called AS (
                    UPDATE queueing_tickets t SET status = 'CALLED', desk_id = :desk, operator_id = :operator,
                           called_at = :now, assigned_desk_id = NULL
                    WHERE t.tenant_id = :t AND t.id = :id AND t.status = 'WAITING'
                      AND (t.assigned_desk_id = :desk
                           OR (t.assigned_desk_id IS NULL
                               AND t.queue_id IN (SELECT dq.queue_id FROM queueing_desk_queues dq
                                                  WHERE dq.tenant_id = :t AND dq.desk_id = :desk)))
                    RETURNING t.*),
                history AS (
                    INSERT INTO queueing_ticket_events (tenant_id, ticket_id, type, from_status, to_status, queue_id,
                                                        desk_id, actor_id, occurred_at)
                    SELECT :t, called.id, 'CALLED', 'WAITING', 'CALLED', called.queue_id, :desk, :operator, :now
                    FROM called)
                SELECT t.id, t.display_number, t.branch_id, t.queue_id, q.name AS queue_name, t.service_id, t.customer_id,
                       t.priority_id, t.weight, t.status, t.issued_at, t.called_at, t.started_at, t.finished_at, t.desk_id,
                       d.name AS desk_name, t.assigned_desk_id, t.recalls, t.close_reason, t.public_token,
                       pg_notify('turno_board', :t || ':' || t.branch_id)
                FROM called t JOIN queueing_queues q ON q.id = t.queue_id JOIN queueing_desks d ON d.id = t.desk_id
                """)
                .param("t", tenant.value())
                .param("desk", desk)
                .param("id", ticket)
                .param("operator", operator)
                .param("now", Timestamp.from(now))
                .query(this::view)
                .optional();
    }

    Optional<TicketView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE t.tenant_id = :t AND t.id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(this::view)
                .optional();
    }

    /** The ticket, locked for a state change. */
    Optional<TicketView> lock(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE t.tenant_id = :t AND t.id = :id FOR UPDATE OF t")
                .param("t", tenant.value())
                .param("id", id)
                .query(this::view)
                .optional();
    }

    void recall(TenantId tenant, UUID id) {
        // called_at stays the first call: waiting time ends when the customer is first called.
        jdbc.sql("UPDATE queueing_tickets SET recalls = recalls + 1 WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .update();
    }

    void start(TenantId tenant, UUID id, Instant now) {
        jdbc.sql(
                        "UPDATE queueing_tickets SET status = 'IN_SERVICE', started_at = :now WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Closes the ticket as {@code status} when it is in one of {@code allowed}: locks it, closes it,
     * writes its history row and notifies the board, in one statement. Answers the closed ticket, or
     * empty when the tenant has no such ticket in one of {@code allowed}.
     */
    Optional<TicketView> close(
            TenantId tenant,
            UUID id,
            Set<TicketStatus> allowed,
            TicketStatus status,
            String reason,
            UUID actor,
            Map<String, ?> detail,
            Instant now) {
        return jdbc.sql("""
                WITH open AS (
                    SELECT id, status FROM queueing_tickets
                    WHERE tenant_id = :t AND id = :id AND status = ANY (CAST(:allowed AS text[]))
                    FOR UPDATE),
                closed AS (
                    UPDATE queueing_tickets t SET status = :status, finished_at = :now, close_reason = :reason,
                           started_at = CASE WHEN :status = 'COMPLETED' THEN coalesce(t.started_at, t.called_at)
                                             ELSE t.started_at END
                    FROM open WHERE t.id = open.id
                    RETURNING t.*, open.status AS from_status),
                history AS (
                    INSERT INTO queueing_ticket_events (tenant_id, ticket_id, type, from_status, to_status, queue_id,
                                                        desk_id, actor_id, detail, occurred_at)
                    SELECT :t, closed.id, :status, closed.from_status, :status, closed.queue_id, closed.desk_id, :actor,
                           CAST(:detail AS jsonb), :now
                    FROM closed)
                SELECT t.id, t.display_number, t.branch_id, t.queue_id, q.name AS queue_name, t.service_id, t.customer_id,
                       t.priority_id, t.weight, t.status, t.issued_at, t.called_at, t.started_at, t.finished_at, t.desk_id,
                       d.name AS desk_name, t.assigned_desk_id, t.recalls, t.close_reason, t.public_token,
                       pg_notify('turno_board', :t || ':' || t.branch_id)
                FROM closed t JOIN queueing_queues q ON q.id = t.queue_id LEFT JOIN queueing_desks d ON d.id = t.desk_id
                """)
                .param("t", tenant.value())
                .param("id", id)
                .param("allowed", allowed.stream().map(TicketStatus::name).toArray(String[]::new))
                .param("status", status.name())
                .param("reason", reason)
                .param("actor", actor)
                .param("detail", json.writeValueAsString(detail))
                .param("now", Timestamp.from(now))
                .query(this::view)
                .optional();
    }

    /** Back to waiting in {@code queue} (or for {@code desk}), with its arrival time and number kept. */
    void moveTo(TenantId tenant, UUID id, UUID queue, UUID desk) {
        jdbc.sql("""
                UPDATE queueing_tickets SET status = 'WAITING', queue_id = :queue, assigned_desk_id = :desk, desk_id = NULL,
                       operator_id = NULL, called_at = NULL, started_at = NULL, recalls = 0
                WHERE tenant_id = :t AND id = :id
                """)
                .param("t", tenant.value())
                .param("id", id)
                .param("queue", queue)
                .param("desk", desk)
                .update();
    }

    /**
     * Closes as EXPIRED the branch's tickets still open from a day before {@code today}, with their
     * history rows, in one statement; answers how many.
     */
    int expire(TenantId tenant, UUID branch, LocalDate today, String reason, Instant now) {
        return jdbc.sql("""
                WITH closing AS (
                    SELECT id, status FROM queueing_tickets
                    WHERE tenant_id = :t AND branch_id = :b AND service_day < :today
                      AND status IN ('WAITING', 'CALLED', 'IN_SERVICE')
                    FOR UPDATE),
                closed AS (
                    UPDATE queueing_tickets t SET status = 'EXPIRED', finished_at = :now, close_reason = :reason
                    FROM closing WHERE t.id = closing.id
                    RETURNING t.id, closing.status AS previous, t.queue_id, t.desk_id)
                INSERT INTO queueing_ticket_events (tenant_id, ticket_id, type, from_status, to_status, queue_id,
                                                    desk_id, detail, occurred_at)
                SELECT :t, id, 'EXPIRED', previous, 'EXPIRED', queue_id, desk_id,
                       jsonb_build_object('reason', CAST(:reason AS text)), :now
                FROM closed
                """)
                .param("t", tenant.value())
                .param("b", branch)
                .param("today", today)
                .param("now", Timestamp.from(now))
                .param("reason", reason)
                .update();
    }

    void event(
            TenantId tenant,
            UUID ticket,
            String type,
            TicketStatus from,
            TicketStatus to,
            UUID queue,
            UUID desk,
            UUID actor,
            Map<String, ?> detail,
            Instant at) {
        jdbc.sql("""
                INSERT INTO queueing_ticket_events (tenant_id, ticket_id, type, from_status, to_status, queue_id, desk_id,
                                                    actor_id, detail, occurred_at)
                VALUES (:t, :ticket, :type, :from, :to, :queue, :desk, :actor, CAST(:detail AS jsonb), :at)
                """)
                .param("t", tenant.value())
                .param("ticket", ticket)
                .param("type", type)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("queue", queue)
                .param("desk", desk)
                .param("actor", actor)
                .param("detail", json.writeValueAsString(detail))
                .param("at", Timestamp.from(at))
                .update();
    }

    List<TicketView.Event> history(TenantId tenant, UUID ticket) {
        return jdbc.sql("""
                SELECT type, from_status, to_status, queue_id, desk_id, actor_id, detail::text AS detail, occurred_at
                FROM queueing_ticket_events WHERE tenant_id = :t AND ticket_id = :ticket ORDER BY id
                """)
                .param("t", tenant.value())
                .param("ticket", ticket)
                .query((rs, n) -> new TicketView.Event(
                        rs.getString("type"),
                        rs.getString("from_status") == null ? null : TicketStatus.valueOf(rs.getString("from_status")),
                        TicketStatus.valueOf(rs.getString("to_status")),
                        rs.getObject("queue_id", UUID.class),
                        rs.getObject("desk_id", UUID.class),
                        rs.getObject("actor_id", UUID.class),
                        detail(rs.getString("detail")),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> detail(String text) {
        return json.readValue(text, Map.class);
    }

    private TicketView view(ResultSet rs, int row) throws SQLException {
        return new TicketView(
                rs.getObject("id", UUID.class),
                rs.getString("display_number"),
                rs.getObject("branch_id", UUID.class),
                rs.getObject("queue_id", UUID.class),
                rs.getString("queue_name"),
                rs.getObject("service_id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("priority_id", UUID.class),
                rs.getInt("weight"),
                TicketStatus.valueOf(rs.getString("status")),
                instant(rs, "issued_at"),
                instant(rs, "called_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getObject("desk_id", UUID.class),
                rs.getString("desk_name"),
                rs.getObject("assigned_desk_id", UUID.class),
                rs.getInt("recalls"),
                rs.getString("close_reason"),
                "/api/v1/public/tickets/" + rs.getString("public_token"),
                null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
