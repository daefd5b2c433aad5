package io.turno.queueing.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.turno.queueing.QueuePositions;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link QueuePositions} by the branch's call policy. Tickets transferred to one desk come first, as
 * that desk calls them before its queues.
 */
@Repository
@Transactional(readOnly = true)
class JdbcQueuePositions implements QueuePositions {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcQueuePositions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<OwnTicket> waitingOf(TenantId tenant, UUID customerId) {
        var waiting = jdbc.sql("""
                SELECT t.id, t.queue_id, b.call_policy FROM queueing_tickets t
                JOIN queueing_queues q ON q.tenant_id = t.tenant_id AND q.id = t.queue_id
                JOIN queueing_branches b ON b.id = q.branch_id
                WHERE t.tenant_id = :t AND t.customer_id = :customer AND t.status = 'WAITING'
                ORDER BY t.issued_at""")
                .param("t", tenant.value())
                .param("customer", customerId)
                .query((rs, row) -> new Object[] {
                    rs.getObject("id", UUID.class),
                    rs.getObject("queue_id", UUID.class),
                    CallPolicy.valueOf(rs.getString("call_policy"))
                })
                .list();
        // Each ticket's place by its own branch's policy, as {@link #first} orders the queue.
        return waiting.stream()
                .map(w -> jdbc.sql("""
                        SELECT ranked.id, ranked.display_number, q.name AS queue_name, b.name AS branch_name,
                               ranked.issued_at, ranked.position
                        FROM (SELECT t.id, t.display_number, t.issued_at, t.queue_id,
                                     row_number() OVER (ORDER BY (t.assigned_desk_id IS NOT NULL) DESC, %s) AS position
                              FROM queueing_tickets t
                              WHERE t.tenant_id = :t AND t.queue_id = :q AND t.status = 'WAITING') AS ranked
                        JOIN queueing_queues q ON q.id = ranked.queue_id
                        JOIN queueing_branches b ON b.id = q.branch_id
                        WHERE ranked.id = :id""".formatted(((CallPolicy) w[2]).order))
                        .param("t", tenant.value())
                        .param("q", w[1])
                        .param("id", w[0])
                        .param("now", Timestamp.from(clock.instant()))
                        .query((rs, row) -> new OwnTicket(
                                rs.getObject("id", UUID.class),
                                rs.getString("display_number"),
                                rs.getString("queue_name"),
                                rs.getString("branch_name"),
                                rs.getTimestamp("issued_at").toInstant(),
                                rs.getInt("position")))
                        .optional())
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    @Override
    public List<QueuedTicket> first(TenantId tenant, UUID queueId, int count) {
        var policy = jdbc.sql("""
                SELECT b.call_policy FROM queueing_queues q JOIN queueing_branches b ON b.id = q.branch_id
                WHERE q.tenant_id = :t AND q.id = :q""")
                .param("t", tenant.value())
                .param("q", queueId)
                .query(String.class)
                .optional()
                .map(CallPolicy::valueOf);
        if (policy.isEmpty() || count < 1) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT t.id, t.display_number, t.customer_id,
                       row_number() OVER (ORDER BY (t.assigned_desk_id IS NOT NULL) DESC, %s) AS position
                FROM queueing_tickets t
                WHERE t.tenant_id = :t AND t.queue_id = :q AND t.status = 'WAITING'
                ORDER BY position LIMIT :limit
                """.formatted(policy.get().order))
                .param("t", tenant.value())
                .param("q", queueId)
                .param("now", Timestamp.from(clock.instant()))
                .param("limit", count)
                .query((rs, row) -> new QueuedTicket(
                        rs.getObject("id", UUID.class),
                        rs.getString("display_number"),
                        rs.getObject("customer_id", UUID.class),
                        rs.getInt("position")))
                .list();
    }
}
