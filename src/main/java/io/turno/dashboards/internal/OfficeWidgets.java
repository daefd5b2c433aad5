package io.turno.dashboards.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.turno.queueing.QueueStatistics;
import io.turno.queueing.QueueStatistics.GroupTotals;
import io.turno.queueing.QueueStatistics.Grouping;
import org.springframework.stereotype.Component;

/** The office's widgets, from queueing: what waits now and how the days' tickets went. */
@Component
class OfficeWidgets implements WidgetSource {

    private final QueueStatistics queues;

    OfficeWidgets(QueueStatistics queues) {
        this.queues = queues;
    }

    @Override
    public Set<String> codes() {
        return Set.of(
                "waiting_now", "wait_by_priority", "service_time_per_desk", "tickets_per_hour", "longest_waiting");
    }

    @Override
    public Set<DashboardFilter> filters(String code) {
        return switch (code) {
            case "waiting_now", "longest_waiting" -> Set.of(DashboardFilter.BRANCH);
            default -> Set.of(DashboardFilter.BRANCH, DashboardFilter.DATE_RANGE);
        };
    }

    @Override
    public WidgetData data(String code, WidgetContext context) {
        return switch (code) {
            case "waiting_now" -> waitingNow(context);
            case "wait_by_priority" ->
                series(
                        context,
                        Grouping.PRIORITY,
                        List.of(
                                context.say("Espera media (s)", "Average wait (s)"),
                                context.say("Espera p90 (s)", "p90 wait (s)")),
                        List.of(GroupTotals::avgWaitSeconds, GroupTotals::p90WaitSeconds));
            case "service_time_per_desk" ->
                series(
                        context,
                        Grouping.DESK,
                        List.of(
                                context.say("Atención media (s)", "Average service (s)"),
                                context.say("Atención p90 (s)", "p90 service (s)")),
                        List.of(GroupTotals::avgServiceSeconds, GroupTotals::p90ServiceSeconds));
            case "tickets_per_hour" ->
                series(context, Grouping.HOUR, List.of(context.say("Turnos", "Tickets")), List.of(t ->
                        (double) t.tickets()));
            case "longest_waiting" -> longestWaiting(context);
            default -> throw new IllegalArgumentException(code);
        };
    }

    private WidgetData waitingNow(WidgetContext context) {
        var waiting = queues.waitingNow(context.user().tenantId(), context.branchId());
        boolean severalBranches = waiting.stream()
                        .map(QueueStatistics.QueueWaiting::branchName)
                        .distinct()
                        .count()
                > 1;
        return WidgetData.chart(
                waiting.stream()
                        .map(q -> severalBranches ? q.branchName() + " · " + q.queueName() : q.queueName())
                        .toList(),
                List.of(new WidgetData.ChartSeries(
                        context.say("En espera", "Waiting"),
                        waiting.stream().map(q -> (double) q.waiting()).toList())));
    }

    /** One series per figure over the groups; a group without the figure counts as 0. */
    private WidgetData series(
            WidgetContext context, Grouping grouping, List<String> names, List<Function<GroupTotals, Double>> figures) {
        var totals =
                queues.totals(context.user().tenantId(), context.branchId(), context.from(), context.to(), grouping);
        List<WidgetData.ChartSeries> series = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            var figure = figures.get(i);
            series.add(new WidgetData.ChartSeries(
                    names.get(i),
                    totals.stream()
                            .map(t -> figure.apply(t) == null ? 0.0 : figure.apply(t))
                            .toList()));
        }
        return WidgetData.chart(totals.stream().map(GroupTotals::label).toList(), series);
    }

    private WidgetData longestWaiting(WidgetContext context) {
        List<List<String>> rows = new ArrayList<>();
        for (var ticket : queues.longestWaiting(context.user().tenantId(), context.branchId(), context.limit())) {
            rows.add(List.of(
                    ticket.number(),
                    ticket.queueName(),
                    ticket.priorityName(),
                    context.minute(ticket.issuedAt()),
                    Long.toString(ticket.waitingSeconds() / 60)));
        }
        return WidgetData.table(
                List.of(
                        context.say("Turno", "Ticket"),
                        context.say("Cola", "Queue"),
                        context.say("Prioridad", "Priority"),
                        context.say("Llegada", "Arrived"),
                        context.say("Espera (min)", "Waiting (min)")),
                rows);
    }
}
