package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.DATE;
import static io.turno.reporting.internal.ColumnType.DATETIME;
import static io.turno.reporting.internal.ColumnType.DECIMAL;
import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.PERCENT;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.turno.production.PlantStatistics;
import io.turno.production.PlantStatistics.Interval;
import io.turno.production.PlantStatistics.LineRef;
import io.turno.production.PlantStatistics.Oee;
import org.springframework.stereotype.Component;

/**
 * The plant over a range: OEE per line, per line and shift, per line and day; downtime with its
 * reasons; production per product. Every figure is production's own ({@code PlantStatistics}), over
 * the same per-minute rollups its API answers from.
 */
@Component
class PlantReport extends RangeReport {

    /** Downtime events listed per line at most. */
    static final int DOWNTIME_LIMIT = 500;

    static final List<Column> OEE_COLUMNS = List.of(
            Column.of("line", "Línea", "Line", TEXT),
            Column.of("availability", "Disponibilidad", "Availability", PERCENT),
            Column.of("performance", "Rendimiento", "Performance", PERCENT),
            Column.of("quality", "Calidad", "Quality", PERCENT),
            Column.of("oee", "OEE", "OEE", PERCENT),
            Column.of("total", "Producidas", "Produced", INTEGER),
            Column.of("good", "Buenas", "Good", INTEGER),
            Column.of("rejected", "Rechazadas", "Rejected", INTEGER),
            Column.of("downtime_minutes", "Paradas (min)", "Downtime (min)", DECIMAL));

    private final PlantStatistics plant;

    PlantReport(PlantStatistics plant) {
        this.plant = plant;
    }

    @Override
    public String code() {
        return "plant";
    }

    @Override
    public Label title() {
        return new Label("Planta: OEE, paradas y producción", "Plant: OEE, downtime and production");
    }

    @Override
    public Label description() {
        return new Label(
                "OEE por línea, turno y día; paradas con su motivo; producción por producto.",
                "OEE by line, shift and day; downtime with its reasons; production by product.");
    }

    @Override
    public String permission() {
        return "production:read";
    }

    @Override
    public ReportResult run(ReportRequest request) {
        var tenant = request.caller().tenantId();
        DateRange range = DateRange.of(request);
        List<LineRef> lines = plant.lines(tenant);
        List<List<Object>> byLine = new ArrayList<>();
        List<List<Object>> byShift = new ArrayList<>();
        List<List<Object>> byDay = new ArrayList<>();
        List<List<Object>> downtime = new ArrayList<>();
        List<List<Object>> products = new ArrayList<>();
        List<Double> chartValues = new ArrayList<>();
        for (LineRef line : lines) {
            Oee oee = plant.oee(tenant, line.id(), range.start(), range.end());
            byLine.add(oeeRow(List.of(line.code()), oee));
            chartValues.add(oee.oee() == null ? 0 : oee.oee());
            var shifts = plant.production(tenant, line.id(), range.start(), range.end(), Interval.SHIFT);
            for (int i = 0; i < shifts.size(); i++) {
                Instant start = shifts.get(i).start();
                Instant end = i + 1 < shifts.size() ? shifts.get(i + 1).start() : range.end();
                byShift.add(oeeRow(
                        List.of(line.code(), start, shifts.get(i).label()), plant.oee(tenant, line.id(), start, end)));
            }
            for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
                Instant start = day.atStartOfDay(range.zone()).toInstant();
                Instant end = day.plusDays(1).atStartOfDay(range.zone()).toInstant();
                byDay.add(oeeRow(List.of(line.code(), day), plant.oee(tenant, line.id(), start, end)));
            }
            plant.downtime(tenant, line.id(), range.start(), range.end(), DOWNTIME_LIMIT)
                    .forEach(d -> downtime.add(Arrays.asList(
                            line.code(),
                            d.startedAt(),
                            d.endedAt(),
                            decimal(d.durationSeconds() / 60.0, 1),
                            d.reason() == null
                                    ? new Label("(sin motivo)", "(no reason)").in(request.locale())
                                    : d.reason())));
            plant.productMix(tenant, line.id(), range.start(), range.end())
                    .forEach(p ->
                            products.add(Arrays.asList(line.code(), p.code(), p.name(), p.total(), ratio(p.share()))));
        }
        List<Column> shiftColumns = new ArrayList<>(OEE_COLUMNS);
        shiftColumns.add(1, Column.of("shift_start", "Inicio del turno", "Shift start", DATETIME));
        shiftColumns.add(2, Column.of("shift", "Turno", "Shift", TEXT));
        List<Column> dayColumns = new ArrayList<>(OEE_COLUMNS);
        dayColumns.add(1, Column.of("day", "Día", "Day", DATE));
        var chart = new Chart(
                Chart.Kind.BAR,
                new Label("OEE por línea", "OEE per line"),
                PERCENT,
                lines.stream().map(LineRef::code).toList(),
                List.of(new Chart.Series(new Label("OEE", "OEE"), chartValues)));
        return new ReportResult(
                List.of(new Figure("lines", new Label("Líneas", "Lines"), INTEGER, lines.size())),
                List.of(
                        new ReportTable(
                                "oee_by_line",
                                new Label("OEE por línea", "OEE by line"),
                                OEE_COLUMNS,
                                byLine,
                                ReportTable.Totals.none()),
                        new ReportTable(
                                "oee_by_shift",
                                new Label("OEE por turno", "OEE by shift"),
                                shiftColumns,
                                byShift,
                                ReportTable.Totals.none()),
                        new ReportTable(
                                "oee_by_day",
                                new Label("OEE por día", "OEE by day"),
                                dayColumns,
                                byDay,
                                ReportTable.Totals.none()),
                        new ReportTable(
                                "downtime",
                                new Label("Paradas", "Downtime"),
                                List.of(
                                        Column.of("line", "Línea", "Line", TEXT),
                                        Column.of("started_at", "Inicio", "Start", DATETIME),
                                        Column.of("ended_at", "Fin", "End", DATETIME),
                                        Column.of("minutes", "Minutos", "Minutes", DECIMAL),
                                        Column.of("reason", "Motivo", "Reason", TEXT)),
                                downtime,
                                ReportTable.Totals.none()),
                        new ReportTable(
                                "production_by_product",
                                new Label("Producción por producto", "Production by product"),
                                List.of(
                                        Column.of("line", "Línea", "Line", TEXT),
                                        Column.of("product_code", "Código", "Code", TEXT),
                                        Column.of("product", "Producto", "Product", TEXT),
                                        Column.of("total", "Producidas", "Produced", INTEGER),
                                        Column.of("share", "Participación", "Share", PERCENT)),
                                products,
                                ReportTable.Totals.none())),
                chart);
    }

    /** The leading cells, then the OEE's figures. */
    private static List<Object> oeeRow(List<Object> lead, Oee oee) {
        List<Object> row = new ArrayList<>(lead);
        row.addAll(Arrays.asList(
                ratio(oee.availability()),
                ratio(oee.performance()),
                ratio(oee.quality()),
                ratio(oee.oee()),
                oee.total(),
                oee.good(),
                oee.rejected(),
                decimal(oee.downtimeSeconds() / 60.0, 1)));
        return row;
    }
}
