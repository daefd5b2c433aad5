package io.turno.queueing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.turno.queueing.QueueStatistics.QueueWaiting;
import io.turno.queueing.QueueStatistics.WaitingTicket;
import io.turno.queueing.internal.QueueStats.GroupBy;
import io.turno.queueing.internal.QueueStats.Row;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A branch's tickets of a span of days, totalled per group; every statement names its tenant. */
@Repository
class TicketTotals {

    private final JdbcClient jdbc;

    TicketTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row per group, by label: counts by outcome, waiting and service times in seconds; every branch when {@code branch} is null. */
    List<Row> grouped(TenantId tenant, UUID branch, LocalDate from, LocalDate to, GroupBy groupBy) {
        return jdbc.sql("""
                SELECT %s AS key, %s AS label,
                       count(*) AS tickets,
                       count(*) FILTER (WHERE t.status = 'COMPLETED') AS completed,
                       count(*) FILTER (WHERE t.status = 'NO_SHOW') AS no_shows,
                       count(*) FILTER (WHERE t.status = 'CANCELLED') AS cancelled,
                       count(*) FILTER (WHERE t.status = 'EXPIRED') AS expired,
                       round(avg(extract(epoch FROM t.called_at - t.issued_at)), 1) AS avg_wait,
                       round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.called_at - t.issued_at))
                                  FILTER (WHERE t.called_at IS NOT NULL) AS numeric), 1) AS p50_wait,
                       round(CAST(percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.called_at - t.issued_at))
                                  FILTER (WHERE t.called_at IS NOT NULL) AS numeric), 1) AS p90_wait,
                       round(avg(extract(epoch FROM t.finished_at - coalesce(t.started_at, t.called_at)))
                             FILTER (WHERE t.status = 'COMPLETED'), 1) AS avg_service,
                       round(CAST(percentile_cont(0.9) WITHIN GROUP (
                                  ORDER BY extract(epoch FROM t.finished_at - coalesce(t.started_at, t.called_at)))
                                  FILTER (WHERE t.status = 'COMPLETED') AS numeric), 1) AS p90_service
                FROM queueing_tickets t
                JOIN queueing_branches b ON b.id = t.branch_id
                JOIN queueing_queues q ON q.id = t.queue_id
                JOIN queueing_priorities p ON p.id = t.priority_id
                LEFT JOIN queueing_desks d ON d.id = t.desk_id
                WHERE t.tenant_id = :t AND (CAST(:b AS uuid) IS NULL OR t.branch_id = :b)
                  AND t.service_day BETWEEN :from AND :to
                GROUP BY 1, 2
                ORDER BY 2
                """.formatted(key(groupBy), label(groupBy)))
                .param("t", tenant.value())
                .param("b", branch, Types.OTHER)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new Row(
                        rs.getString("key"),
                        rs.getString("label"),
                        rs.getLong("tickets"),
                        rs.getLong("completed"),
                        rs.getLong("no_shows"),
                        rs.getLong("cancelled"),
                        rs.getLong("expired"),
                        seconds(rs, "avg_wait"),
                        seconds(rs, "p50_wait"),
                        seconds(rs, "p90_wait"),
                        seconds(rs, "avg_service"),
                        seconds(rs, "p90_service")))
                .list();
    }

    /** Waiting tickets per active queue, zero included; every branch when {@code branch} is null. */
    List<QueueWaiting> waitingNow(TenantId tenant, UUID branch) {
        return jdbc.sql("""
                SELECT q.id, q.name, b.name AS branch_name, count(t.id) AS waiting
                FROM queueing_queues q
                JOIN queueing_branches b ON b.id = q.branch_id
                LEFT JOIN queueing_tickets t
                       ON t.tenant_id = q.tenant_id AND t.queue_id = q.id AND t.status = 'WAITING'
                WHERE q.tenant_id = :t AND q.active AND (CAST(:b AS uuid) IS NULL OR q.branch_id = :b)
                GROUP BY q.id, q.name, b.name
                ORDER BY b.name, q.name""")
                .param("t", tenant.value())
                .param("b", branch, Types.OTHER)
                .query((rs, n) -> new QueueWaiting(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("branch_name"),
                        rs.getLong("waiting")))
                .list();
    }

    /** The tickets waiting longest at {@code now}, longest first. */
    List<WaitingTicket> longestWaiting(TenantId tenant, UUID branch, Instant now, int limit) {
        return jdbc.sql("""
                SELECT t.display_number, q.name AS queue_name, p.name AS priority_name, t.issued_at
                FROM queueing_tickets t
                JOIN queueing_queues q ON q.id = t.queue_id
                JOIN queueing_priorities p ON p.id = t.priority_id
                WHERE t.tenant_id = :t AND t.status = 'WAITING' AND (CAST(:b AS uuid) IS NULL OR t.branch_id = :b)
                ORDER BY t.issued_at, t.id
                LIMIT :limit""")
                .param("t", tenant.value())
                .param("b", branch, Types.OTHER)
                .param("limit", limit)
                .query((rs, n) -> {
                    Instant issued = rs.getTimestamp("issued_at").toInstant();
                    return new WaitingTicket(
                            rs.getString("display_number"),
                            rs.getString("queue_name"),
                            rs.getString("priority_name"),
                            issued,
                            Math.max(0, java.time.Duration.between(issued, now).toSeconds()));
                })
                .list();
    }

    /** What tells the groups apart. */
    private static String key(GroupBy groupBy) {
        return switch (groupBy) {
            case QUEUE -> "CAST(t.queue_id AS text)";
            case DESK -> "CAST(t.desk_id AS text)";
            case OPERATOR -> "CAST(t.operator_id AS text)";
            case PRIORITY -> "CAST(t.priority_id AS text)";
            case HOUR -> "to_char(t.issued_at AT TIME ZONE b.time_zone, 'HH24')";
        };
    }

    /** What a group is called; operators get their names from identity afterwards. */
    private static String label(GroupBy groupBy) {
        return switch (groupBy) {
            case QUEUE -> "q.name";
            case DESK -> "coalesce(d.name, '(sin ventanilla)')";
            case OPERATOR -> "coalesce(CAST(t.operator_id AS text), '(sin operador)')";
            case PRIORITY -> "p.name";
            case HOUR -> "to_char(t.issued_at AT TIME ZONE b.time_zone, 'HH24') || ':00'";
        };
    }

    private static Double seconds(ResultSet rs, String column) throws SQLException {
        var value = rs.getBigDecimal(column);
        return value == null ? null : value.doubleValue();
    }
}
