package io.turno.queueing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import io.turno.audit.QueryLog;
import io.turno.identity.UserDirectory;
import io.turno.queueing.internal.QueueingFailures.Unusable;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a branch's queues performed over days: tickets, waiting times (average, median and 90th
 * percentile, in seconds), service times (average and 90th percentile), no-shows; grouped by queue, desk, operator, priority or hour of
 * arrival (branch-local). Each query is recorded in the query log.
 */
@Service
public class QueueStats {

    public enum GroupBy {
        QUEUE,
        DESK,
        OPERATOR,
        PRIORITY,
        HOUR
    }

    public record Row(
            String key,
            String label,
            long tickets,
            long completed,
            long noShows,
            long cancelled,
            long expired,
            @Nullable Double avgWaitSeconds,
            @Nullable Double p50WaitSeconds,
            @Nullable Double p90WaitSeconds,
            @Nullable Double avgServiceSeconds,
            @Nullable Double p90ServiceSeconds) {}

    public record Report(UUID branchId, LocalDate from, LocalDate to, GroupBy groupBy, List<Row> rows) {}

    public static final int MAX_DAYS = 366;

    private final Branches branches;
    private final TicketTotals totals;
    private final QueryLog queries;
    private final UserDirectory directory;
    private final Clock clock;

    QueueStats(Branches branches, TicketTotals totals, QueryLog queries, UserDirectory directory, Clock clock) {
        this.directory = directory;
        this.branches = branches;
        this.totals = totals;
        this.queries = queries;
        this.clock = clock;
    }

    /** {@code from} and {@code to} default to the branch's today; {@code groupBy} is case-insensitive. */
    @Transactional
    public Report report(Actor actor, UUID branch, LocalDate from, LocalDate to, String groupByName) {
        var branchRow = branches.rules(actor.tenantId(), branch).orElseThrow(() -> new NotFound("Sede", branch));
        GroupBy groupBy = java.util.Arrays.stream(GroupBy.values())
                .filter(g -> g.name().equalsIgnoreCase(groupByName))
                .findFirst()
                .orElseThrow(() -> new Unusable(
                        "group_by admite queue, desk, operator, priority u hour; no " + groupByName + "."));
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
        var rows = totals.grouped(actor.tenantId(), branch, from, to, groupBy);
        if (groupBy == GroupBy.OPERATOR) {
            rows = withOperatorNames(actor, rows);
        }
        var filters = new LinkedHashMap<String, Object>();
        filters.put("branch_id", branch.toString());
        filters.put("from", from.toString());
        filters.put("to", to.toString());
        filters.put("group_by", groupBy.name().toLowerCase());
        queries.record(new QueryLog.QueryEntry(
                actor.tenantId(),
                actor.userId(),
                actor.username(),
                "queueing.stats",
                filters,
                rows.size(),
                clock.millis() - started));
        return new Report(branch, from, to, groupBy, rows);
    }

    /** Operators are users of identity: their full names replace the ids the tickets keep. */
    private List<Row> withOperatorNames(Actor actor, List<Row> rows) {
        var ids = rows.stream()
                .map(Row::key)
                .filter(java.util.Objects::nonNull)
                .map(UUID::fromString)
                .toList();
        var users = directory.findAll(actor.tenantId(), ids);
        return rows.stream()
                .map(row -> {
                    var user = row.key() == null ? null : users.get(UUID.fromString(row.key()));
                    return user == null
                            ? row
                            : new Row(
                                    row.key(),
                                    user.fullName(),
                                    row.tickets(),
                                    row.completed(),
                                    row.noShows(),
                                    row.cancelled(),
                                    row.expired(),
                                    row.avgWaitSeconds(),
                                    row.p50WaitSeconds(),
                                    row.p90WaitSeconds(),
                                    row.avgServiceSeconds(),
                                    row.p90ServiceSeconds());
                })
                .toList();
    }
}
