package io.turno.dashboards.internal;

import java.util.List;

/**
 * A widget's figures, ready for Chart.js: {@code labels} and {@code datasets} for line, bar and pie
 * charts; {@code cards} for KPI cards and gauges; {@code columns} and {@code rows} for tables. What a
 * kind does not use is absent. {@code note} says why a widget has nothing to show (no line configured …).
 */
public record WidgetData(
        List<String> labels,
        List<ChartSeries> datasets,
        List<KpiCard> cards,
        List<String> columns,
        List<List<String>> rows,
        String note) {

    /** One series of a chart: its name and one value per label. */
    public record ChartSeries(String label, List<Double> data) {}

    /**
     * One figure: {@code value} null when it cannot be computed (no planned time …); {@code unit} is
     * {@code ratio} (0–1, shown as a percentage), {@code count}, {@code seconds} or a currency code.
     */
    public record KpiCard(String key, String label, Double value, String unit) {}

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
