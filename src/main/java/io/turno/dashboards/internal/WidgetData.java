package io.turno.dashboards.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A widget's figures, ready for Chart.js: {@code labels} and {@code datasets} for line, bar and pie
 * charts; {@code cards} for KPI cards and gauges; {@code columns} and {@code rows} for tables. What a
 * kind does not use is absent. {@code note} says why a widget has nothing to show (no line configured …).
 */
public record WidgetData(
        @Nullable List<String> labels,
        @Nullable List<ChartSeries> datasets,
        @Nullable List<KpiCard> cards,
        @Nullable List<String> columns,
        @Nullable List<List<String>> rows,
        @Nullable String note) {

    /** One series of a chart: its name and one value per label. */
    public record ChartSeries(String label, List<Double> data) {}

    /**
     * One figure: {@code value} null when it cannot be computed (no planned time …); {@code unit} is
     * {@code ratio} (0–1, shown as a percentage), {@code count}, {@code seconds} or a currency code.
     */
    public record KpiCard(
            String key,
            String label,
            @Nullable Double value,
            @Nullable String unit) {}

    static WidgetData chart(List<String> labels, List<ChartSeries> datasets) {
        return new WidgetData(labels, datasets, null, null, null, null);
    }

    static WidgetData cards(List<KpiCard> cards) {
        return new WidgetData(null, null, cards, null, null, null);
    }

    static WidgetData table(List<String> columns, List<List<String>> rows) {
        return new WidgetData(null, null, null, columns, rows, null);
    }

    static WidgetData nothing(String note) {
        return new WidgetData(null, null, null, null, null, note);
    }
}
