package io.turno.queueing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who waits for a desk: the waiting tickets of its own queues (not its overflow queues, which it
 * only helps) and those transferred to it, in the order "call next" would take them.
 */
@Repository
class DeskWaitingList {

    /** {@code priority} is the priority's name; {@code assignedHere}: transferred to this desk. */
    record Waiting(
            UUID id,
            String number,
            String queueName,
            String priority,
            int weight,
            Instant issuedAt,
            UUID customerId,
            boolean assignedHere) {}

    private final JdbcClient jdbc;

    DeskWaitingList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Waiting> waiting(TenantId tenant, UUID desk, CallPolicy policy, int limit, Instant now) {
        return jdbc.sql("""
                SELECT t.id, t.display_number, q.name AS queue_name, p.name AS priority_name, t.weight, t.issued_at,
                       t.customer_id, t.assigned_desk_id IS NOT NULL AS assigned_here
                FROM queueing_tickets t JOIN queueing_queues q ON q.id = t.queue_id
                LEFT JOIN queueing_priorities p ON p.id = t.priority_id
                WHERE t.tenant_id = :t AND t.status = 'WAITING'
                  AND (t.assigned_desk_id = :desk
                       OR (t.assigned_desk_id IS NULL
                           AND t.queue_id IN (SELECT dq.queue_id FROM queueing_desk_queues dq
                                              WHERE dq.tenant_id = :t AND dq.desk_id = :desk AND NOT dq.overflow)))
                ORDER BY (t.assigned_desk_id IS NOT NULL) DESC, %s
                LIMIT :limit
                """.formatted(policy.order))
                .param("t", tenant.value())
                .param("desk", desk)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> new Waiting(
                        rs.getObject("id", UUID.class),
                        rs.getString("display_number"),
                        rs.getString("queue_name"),
                        rs.getString("priority_name"),
                        rs.getInt("weight"),
                        rs.getTimestamp("issued_at").toInstant(),
                        rs.getObject("customer_id", UUID.class),
                        rs.getBoolean("assigned_here")))
                .list();
    }
}
