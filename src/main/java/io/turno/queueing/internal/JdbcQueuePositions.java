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
