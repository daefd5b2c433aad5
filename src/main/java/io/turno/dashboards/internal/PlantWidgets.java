package io.turno.dashboards.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.turno.production.PlantStatistics;
import io.turno.production.PlantStatistics.LineRef;
import io.turno.web.Formatting;
import org.springframework.stereotype.Component;

/**
 * The plant's widgets, from production's KPIs: OEE, production, product mix, the lines side by side and
 * downtime. A widget without {@code line_id} shows the first active line by code. The production series
 * without an {@code interval} goes by the hour over two days or less and by the day beyond, its axis
 * written as the reader's pages write days and times.
 */
@Component
class PlantWidgets implements WidgetSource {

    private final PlantStatistics plant;
    private final Formatting formatting;

    PlantWidgets(PlantStatistics plant, Formatting formatting) {
        this.plant = plant;
        this.formatting = formatting;
    }

    @Override
    public Set<String> codes() {
        return Set.of(
                "oee_cards", "oee_gauge", "production_series", "product_mix", "line_comparison", "downtime_table");
    }

    @Override
    public Set<DashboardFilter> filters(String code) {
        return switch (code) {
            case "oee_cards", "oee_gauge" ->
                Set.of(DashboardFilter.DATE_RANGE, DashboardFilter.LINE, DashboardFilter.SHIFT);
            case "production_series" ->
                Set.of(DashboardFilter.DATE_RANGE, DashboardFilter.LINE, DashboardFilter.PRODUCT);
            case "line_comparison" -> Set.of(DashboardFilter.DATE_RANGE);
            default -> Set.of(DashboardFilter.DATE_RANGE, DashboardFilter.LINE);
        };
    }

    @Override
    public WidgetData data(String code, WidgetContext context) {
        List<LineRef> lines = plant.lines(context.user().tenantId());
        if (lines.isEmpty()) {
            return WidgetData.nothing(
                    context.say("La planta no tiene líneas activas.", "The plant has no active line."));
        }
        if (code.equals("line_comparison")) {
            return comparison(context, lines);
        }
        UUID line =
                context.lineId() != null ? context.lineId() : lines.getFirst().id();
        return switch (code) {
            case "oee_cards" -> oee(context, line);
            case "oee_gauge" -> gauge(context, line);
            case "production_series" -> production(context, line);
            case "product_mix" -> mix(context, line);
            case "downtime_table" -> downtime(context, line);
            default -> throw new IllegalArgumentException(code);
        };
    }

    private WidgetData oee(WidgetContext context, UUID line) {
        var oee = plant.oee(context.user().tenantId(), line, context.start(), context.end(), context.shiftId());
        return WidgetData.cards(List.of(
                new WidgetData.KpiCard("oee", "OEE", oee.oee(), "ratio"),
                new WidgetData.KpiCard(
                        "availability", context.say("Disponibilidad", "Availability"), oee.availability(), "ratio"),
                new WidgetData.KpiCard(
                        "performance", context.say("Rendimiento", "Performance"), oee.performance(), "ratio"),
                new WidgetData.KpiCard("quality", context.say("Calidad", "Quality"), oee.quality(), "ratio")));
    }

    /** One card, the OEE, which the page draws as a dial from 0 to 100 %. */
    private WidgetData gauge(WidgetContext context, UUID line) {
        var oee = plant.oee(context.user().tenantId(), line, context.start(), context.end(), context.shiftId());
        return WidgetData.cards(List.of(new WidgetData.KpiCard("oee", "OEE", oee.oee(), "ratio")));
    }

    private WidgetData production(WidgetContext context, UUID line) {
        String automatic =
                Duration.between(context.start(), context.end()).compareTo(Duration.ofDays(2)) <= 0 ? "hour" : "day";
        var interval = PlantStatistics.Interval.valueOf(
                context.text("interval", automatic).toUpperCase(Locale.ROOT));
        var points = plant.production(
                context.user().tenantId(), line, context.start(), context.end(), interval, context.productId());
        var axis = formatting.of(context.user().tenantId(), context.locale()).inZone(context.zone());
        return WidgetData.chart(
                points.stream()
                        .map(p -> switch (interval) {
                            case HOUR -> axis.dateTime(p.start());
                            case DAY -> axis.date(p.start());
                            default -> p.label();
                        })
                        .toList(),
                List.of(
                        new WidgetData.ChartSeries(
                                context.say("Buenas", "Good"),
                                points.stream().map(p -> (double) p.good()).toList()),
                        new WidgetData.ChartSeries(
                                context.say("Rechazadas", "Rejected"),
                                points.stream().map(p -> (double) p.rejected()).toList())));
    }

    private WidgetData mix(WidgetContext context, UUID line) {
        var mix = plant.productMix(context.user().tenantId(), line, context.start(), context.end());
        return WidgetData.chart(
                mix.stream()
                        .map(p -> p.name() == null ? String.valueOf(p.code()) : p.name())
                        .toList(),
                List.of(new WidgetData.ChartSeries(
                        context.say("Unidades", "Units"),
                        mix.stream().map(p -> (double) p.total()).toList())));
    }

    private WidgetData comparison(WidgetContext context, List<LineRef> lines) {
        var metric =
                PlantStatistics.Metric.valueOf(context.text("metric", "oee").toUpperCase(Locale.ROOT));
        var values = plant.compare(
                context.user().tenantId(),
                lines.stream().map(LineRef::id).limit(20).toList(),
                context.start(),
                context.end(),
                metric);
        String name = switch (metric) {
            case OEE -> "OEE";
            case PRODUCTION -> context.say("Producción", "Production");
            case DOWNTIME -> context.say("Paradas (s)", "Downtime (s)");
        };
        return WidgetData.chart(
                values.stream().map(PlantStatistics.LineValue::name).toList(),
                List.of(new WidgetData.ChartSeries(
                        name,
                        values.stream()
                                .map(v -> v.value() == null ? 0.0 : v.value())
                                .toList())));
    }

    private WidgetData downtime(WidgetContext context, UUID line) {
        List<List<String>> rows = new ArrayList<>();
        for (var event :
                plant.downtime(context.user().tenantId(), line, context.start(), context.end(), context.limit())) {
            rows.add(List.of(
                    context.minute(event.startedAt()),
                    context.minute(event.endedAt()),
                    Long.toString(Math.round(event.durationSeconds() / 60.0)),
                    event.reason() == null ? "" : event.reason()));
        }
        return WidgetData.table(
                List.of(
                        context.say("Desde", "From"),
                        context.say("Hasta", "To"),
                        context.say("Minutos", "Minutes"),
                        context.say("Motivo", "Reason")),
                rows);
    }
}
