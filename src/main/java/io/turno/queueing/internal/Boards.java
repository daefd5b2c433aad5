package io.turno.queueing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.queueing.internal.BoardService.PublicTicket;
import io.turno.queueing.internal.BoardService.Serving;
import io.turno.queueing.internal.BoardService.Waiting;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What a branch's screens and a customer's phone show: read models over the tickets. */
@Repository
class Boards {

    record TicketKey(TenantId tenant, UUID id, UUID branchId, UUID queueId, UUID serviceId, TicketStatus status) {}

    private final JdbcClient jdbc;

    Boards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> branchName(TenantId tenant, UUID branch) {
        return jdbc.sql("SELECT name FROM queueing_branches WHERE tenant_id = :t AND id = :b")
                .param("t", tenant.value())
                .param("b", branch)
                .query(String.class)
                .optional();
    }

    /** Each active desk with the ticket it is serving, if any. */
    List<Serving> serving(TenantId tenant, UUID branch) {
        return jdbc.sql("""
                SELECT d.id, d.name, t.display_number, t.status, t.called_at, t.recalls
                FROM queueing_desks d
                LEFT JOIN queueing_tickets t ON t.desk_id = d.id AND t.status IN ('CALLED', 'IN_SERVICE')
                WHERE d.tenant_id = :t AND d.branch_id = :b AND d.active
                ORDER BY d.name
                """)
                .param("t", tenant.value())
                .param("b", branch)
                .query((rs, n) -> new Serving(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("display_number"),
                        rs.getString("status") == null ? null : TicketStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("called_at") == null
                                ? null
                                : rs.getTimestamp("called_at").toInstant(),
                        rs.getInt("recalls")))
                .list();
    }

    /** Each active queue with its waiting count and the next numbers by the branch's policy. */
    List<Waiting> waiting(TenantId tenant, UUID branch, CallPolicy policy, Instant now) {
        return jdbc.sql("""
                WITH RECURSIVE
                queue AS (
                    SELECT q.id, q.name, q.prefix FROM queueing_queues q
                    WHERE q.tenant_id = :t AND q.branch_id = :b AND q.active),
                -- The first three of each weight waiting hold the next three by any policy: ranking
                -- the whole queue took half a second with 30,000 waiting.
                %2$s
                SELECT q.id, q.name, q.prefix,
                       (SELECT count(*) FROM queueing_tickets w
                        WHERE w.tenant_id = :t AND w.queue_id = q.id AND w.status = 'WAITING') AS waiting,
                       coalesce((SELECT array_agg(t.display_number) FROM (
                                    SELECT t.display_number FROM candidates t WHERE t.queue_id = q.id
                                    ORDER BY %1$s LIMIT 3) t), '{}') AS next
                FROM queue q
                ORDER BY q.prefix
                """.formatted(policy.order, Tickets.waitingCandidates(3, false)))
                .param("t", tenant.value())
                .param("b", branch)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Waiting(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("prefix"),
                        rs.getInt("waiting"),
                        List.of((String[]) rs.getArray("next").getArray())))
                .list();
    }

    /** The ticket behind a public token, whichever tenant it belongs to: the token is the credential. */
    Optional<TicketKey> byToken(String token) {
        return jdbc.sql(
                        "SELECT tenant_id, id, branch_id, queue_id, service_id, status FROM queueing_tickets WHERE public_token = :token")
                .param("token", token)
                .query((rs, n) -> new TicketKey(
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getObject("id", UUID.class),
                        rs.getObject("branch_id", UUID.class),
                        rs.getObject("queue_id", UUID.class),
                        rs.getObject("service_id", UUID.class),
                        TicketStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** How many waiting tickets of its queue will be called before this one, by the branch's policy. */
    int ahead(TenantId tenant, UUID ticket, UUID queue, CallPolicy policy, Instant now) {
        return jdbc.sql("""
                SELECT position - 1 FROM (
                    SELECT t.id, row_number() OVER (ORDER BY %s) AS position
                    FROM queueing_tickets t WHERE t.tenant_id = :t AND t.queue_id = :q AND t.status = 'WAITING') ranked
                WHERE id = :id
                """.formatted(policy.order))
                .param("t", tenant.value())
                .param("q", queue)
                .param("id", ticket)
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Average service time of the queue's tickets completed in the last 2 hours, if any. */
    Optional<Double> recentServiceSeconds(TenantId tenant, UUID queue, Instant now) {
        return jdbc.sql("""
                SELECT avg(extract(epoch FROM finished_at - coalesce(started_at, called_at)))
                FROM queueing_tickets
                WHERE tenant_id = :t AND queue_id = :q AND status = 'COMPLETED' AND finished_at > :since
                """)
                .param("t", tenant.value())
                .param("q", queue)
                .param("since", Timestamp.from(now.minusSeconds(7200)))
                .query(Double.class)
                .optional();
    }

    /** Desks of the branch that serve the queue as one of their own. */
    int desksServing(TenantId tenant, UUID queue) {
        return jdbc.sql("SELECT " + Desks.serving(":q"))
                .param("t", tenant.value())
                .param("q", queue)
                .query(Integer.class)
                .single();
    }

    Optional<PublicTicket> publicView(TenantId tenant, UUID ticket) {
        return jdbc.sql("""
                SELECT t.display_number, t.status, b.name AS branch_name, q.name AS queue_name, d.name AS desk_name,
                       t.issued_at, t.called_at
                FROM queueing_tickets t JOIN queueing_branches b ON b.id = t.branch_id
                JOIN queueing_queues q ON q.id = t.queue_id LEFT JOIN queueing_desks d ON d.id = t.desk_id
                WHERE t.tenant_id = :t AND t.id = :id
                """)
                .param("t", tenant.value())
                .param("id", ticket)
                .query((rs, n) -> new PublicTicket(
                        rs.getString("display_number"),
                        TicketStatus.valueOf(rs.getString("status")),
                        rs.getString("branch_name"),
                        rs.getString("queue_name"),
                        0,
                        0,
                        rs.getString("desk_name"),
                        rs.getTimestamp("issued_at").toInstant(),
                        rs.getTimestamp("called_at") == null
                                ? null
                                : rs.getTimestamp("called_at").toInstant()))
                .optional();
    }

    /** Wakes every instance's board streams for the branch once the transaction commits. */
    void changed(TenantId tenant, UUID branch) {
        jdbc.sql("SELECT pg_notify('turno_board', :payload)")
                .param("payload", tenant + ":" + branch)
                .query()
                .singleValue();
    }
}
