package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.DECIMAL;
import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.turno.queueing.QueueStatistics;
import io.turno.queueing.QueueStatistics.GroupTotals;
import io.turno.queueing.QueueStatistics.Grouping;
import org.springframework.stereotype.Component;

/**
 * The queues' tickets over a range of service days, every branch: tickets, completed, no-shows and
 * abandoned, and the wait's median (p50) and 90th percentile in minutes — per priority, per queue and
 * per desk, as queueing's statistics count them.
 */
@Component
class QueueStatisticsReport extends RangeReport {

    static final List<Column> COLUMNS = List.of(
            Column.of("name", "Nombre", "Name", TEXT),
            Column.of("tickets", "Turnos", "Tickets", INTEGER),
            Column.of("completed", "Atendidos", "Served", INTEGER),
            Column.of("no_shows", "No se presentaron", "No-shows", INTEGER),
            Column.of("abandoned", "Abandonados", "Abandoned", INTEGER),
            Column.of("p50_wait_minutes", "Espera p50 (min)", "Wait p50 (min)", DECIMAL),
            Column.of("p90_wait_minutes", "Espera p90 (min)", "Wait p90 (min)", DECIMAL));

    private final QueueStatistics queues;

    QueueStatisticsReport(QueueStatistics queues) {
        this.queues = queues;
    }

    @Override
    public String code() {
        return "queue-statistics";
    }

    @Override
    public Label title() {
        return new Label("Estadísticas de filas", "Queue statistics");
    }

    @Override
    public Label description() {
        return new Label(
                "Turnos, esperas p50 y p90 y abandonos por prioridad, por fila y por puesto.",
                "Tickets, p50 and p90 waits and abandoned tickets per priority, per queue and per desk.");
    }

    @Override
    public String permission() {
        return "queues:stats";
    }

    @Override
    public ReportResult run(ReportRequest request) {
        var tenant = request.caller().tenantId();
        var from = request.parameters().date("from");
        var to = request.parameters().date("to");
        var byPriority = queues.totals(tenant, null, from, to, Grouping.PRIORITY);
        var byQueue = queues.totals(tenant, null, from, to, Grouping.QUEUE);
        var byDesk = queues.totals(tenant, null, from, to, Grouping.DESK);
        long tickets = byQueue.stream().mapToLong(GroupTotals::tickets).sum();
        var chart = new Chart(
                Chart.Kind.BAR,
                new Label("Espera por prioridad (min)", "Wait per priority (min)"),
                DECIMAL,
                byPriority.stream().map(g -> name(g, request)).toList(),
                List.of(
                        new Chart.Series(
                                new Label("p50", "p50"),
                                byPriority.stream()
                                        .map(g -> minutes(g.p50WaitSeconds()))
                                        .toList()),
                        new Chart.Series(
                                new Label("p90", "p90"),
                                byPriority.stream()
                                        .map(g -> minutes(g.p90WaitSeconds()))
                                        .toList())));
        return new ReportResult(
                List.of(
                        new Figure("tickets", new Label("Turnos", "Tickets"), INTEGER, tickets),
                        new Figure(
                                "abandoned",
                                new Label("Abandonados", "Abandoned"),
                                INTEGER,
                                byQueue.stream()
                                        .mapToLong(GroupTotals::abandoned)
                                        .sum())),
                List.of(
                        table("by_priority", new Label("Por prioridad", "Per priority"), byPriority, request),
                        table("by_queue", new Label("Por fila", "Per queue"), byQueue, request),
                        table("by_desk", new Label("Por puesto", "Per desk"), byDesk, request)),
                chart);
    }

    private static ReportTable table(String key, Label title, List<GroupTotals> groups, ReportRequest request) {
        List<List<Object>> rows = new ArrayList<>();
        groups.forEach(g -> rows.add(Arrays.asList(
                name(g, request),
                g.tickets(),
                g.completed(),
                g.noShows(),
                g.abandoned(),
                minutes(g.p50WaitSeconds()),
                minutes(g.p90WaitSeconds()))));
        return new ReportTable(
                key,
                title,
                COLUMNS,
                rows,
                ReportTable.Totals.of(List.of(Arrays.asList(
                        null,
                        groups.stream().mapToLong(GroupTotals::tickets).sum(),
                        groups.stream().mapToLong(GroupTotals::completed).sum(),
                        groups.stream().mapToLong(GroupTotals::noShows).sum(),
                        groups.stream().mapToLong(GroupTotals::abandoned).sum(),
                        null,
                        null))));
    }

    /** A ticket never sent to a desk is grouped under no desk. */
    private static String name(GroupTotals g, ReportRequest request) {
        return g.label() != null ? g.label() : new Label("(sin puesto)", "(no desk)").in(request.locale());
    }

    static java.math.BigDecimal minutes(Double seconds) {
        return seconds == null ? null : decimal(seconds / 60.0, 1);
    }
}
