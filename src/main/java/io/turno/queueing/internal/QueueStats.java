package io.turno.queueing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import io.turno.audit.QueryLog;
import io.turno.identity.UserDirectory;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.queueing.internal.QueueingFailures.Unusable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a branch's queues performed over days: tickets, waiting and service times (average and
 * 90th percentile, in seconds), no-shows; grouped by queue, desk, operator, priority or hour of
 * arrival (branch-local). Each query is recorded in the query log.
 */
@Service
public class QueueStats {

    public enum GroupBy {
        QUEUE("CAST(t.queue_id AS text)", "q.name"),
        DESK("CAST(t.desk_id AS text)", "coalesce(d.name, '(sin ventanilla)')"),
        OPERATOR("CAST(t.operator_id AS text)", "coalesce(CAST(t.operator_id AS text), '(sin operador)')"),
        PRIORITY("CAST(t.priority_id AS text)", "p.name"),
        HOUR("to_char(t.issued_at AT TIME ZONE b.time_zone, 'HH24')",
                "to_char(t.issued_at AT TIME ZONE b.time_zone, 'HH24') || ':00'");

        final String key;
        final String label;

        GroupBy(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    public record Row(String key, String label, long tickets, long completed, long noShows, long cancelled,
                      long expired, Double avgWaitSeconds, Double p90WaitSeconds, Double avgServiceSeconds,
                      Double p90ServiceSeconds) {
    }

    public record Report(UUID branchId, LocalDate from, LocalDate to, GroupBy groupBy, List<Row> rows) {
    }

    static final int MAX_DAYS = 366;

    private final JdbcClient jdbc;
    private final Tickets tickets;
    private final QueryLog queries;
    private final UserDirectory directory;
    private final Clock clock;

    QueueStats(JdbcClient jdbc, Tickets tickets, QueryLog queries, UserDirectory directory, Clock clock) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.queries = queries;
        this.clock = clock;
    }

    /** {@code from} and {@code to} default to the branch's today; {@code groupBy} is case-insensitive. */
    @Transactional
    public Report report(Actor actor, UUID branch, LocalDate from, LocalDate to, String groupByName) {
        var branchRow = tickets.branch(actor.tenantId(), branch).orElseThrow(() -> new NotFound("Sede", branch));
        GroupBy groupBy = java.util.Arrays.stream(GroupBy.values()).filter(g -> g.name().equalsIgnoreCase(groupByName))
                .findFirst().orElseThrow(() -> new Unusable("group_by admite queue, desk, operator, priority u hour; no "
                        + groupByName + "."));
        LocalDate today = LocalDate.ofInstant(clock.instant(), branchRow.zone());
        from = from == null ? today : from;
        to = to == null ? today : to;
        if (from.isAfter(to)) {
            throw new Unusable("La fecha inicial (from) es posterior a la final (to).");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new Unusable("El periodo abarca más de " + MAX_DAYS + " días; divídelo.");
        }
        long started = clock.millis();
        var rows = jdbc.sql("""
                SELECT %s AS key, %s AS label,
                       count(*) AS tickets,
                       count(*) FILTER (WHERE t.status = 'COMPLETED') AS completed,
                       count(*) FILTER (WHERE t.status = 'NO_SHOW') AS no_shows,
                       count(*) FILTER (WHERE t.status = 'CANCELLED') AS cancelled,
                       count(*) FILTER (WHERE t.status = 'EXPIRED') AS expired,
                       round(avg(extract(epoch FROM t.called_at - t.issued_at)), 1) AS avg_wait,
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
                WHERE t.tenant_id = :t AND t.branch_id = :b AND t.service_day BETWEEN :from AND :to
                GROUP BY 1, 2
                ORDER BY 2
                """.formatted(groupBy.key, groupBy.label))
                .param("t", actor.tenantId().value()).param("b", branch).param("from", from).param("to", to)
                .query((rs, n) -> new Row(rs.getString("key"), rs.getString("label"), rs.getLong("tickets"),
                        rs.getLong("completed"), rs.getLong("no_shows"), rs.getLong("cancelled"), rs.getLong("expired"),
                        seconds(rs, "avg_wait"), seconds(rs, "p90_wait"), seconds(rs, "avg_service"),
                        seconds(rs, "p90_service")))
                .list();
        if (groupBy == GroupBy.OPERATOR) {
            rows = withOperatorNames(actor, rows);
        }
        var filters = new LinkedHashMap<String, Object>();
        filters.put("branch_id", branch.toString());
        filters.put("from", from.toString());
        filters.put("to", to.toString());
        filters.put("group_by", groupBy.name().toLowerCase());
        queries.record(new QueryLog.QueryEntry(actor.tenantId(), actor.userId(), actor.username(), "queueing.stats",
                filters, rows.size(), clock.millis() - started));
        return new Report(branch, from, to, groupBy, rows);
    }

    /** Operators are users of identity: their full names replace the ids the tickets keep. */
    private List<Row> withOperatorNames(Actor actor, List<Row> rows) {
        var ids = rows.stream().map(Row::key).filter(java.util.Objects::nonNull).map(UUID::fromString).toList();
        var users = directory.findAll(actor.tenantId(), ids);
        return rows.stream().map(row -> {
            var user = row.key() == null ? null : users.get(UUID.fromString(row.key()));
            return user == null ? row : new Row(row.key(), user.fullName(), row.tickets(), row.completed(), row.noShows(),
                    row.cancelled(), row.expired(), row.avgWaitSeconds(), row.p90WaitSeconds(), row.avgServiceSeconds(),
                    row.p90ServiceSeconds());
        }).toList();
    }

    private static Double seconds(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var value = rs.getBigDecimal(column);
        return value == null ? null : value.doubleValue();
    }
}
