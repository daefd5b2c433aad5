package io.turno.reporting.internal;

import java.util.List;

/**
 * A chart of a report: one value per label in each series. The PDF draws it; JSON carries the series
 * so a page can draw the same with Chart.js.
 */
public record Chart(Kind kind, Label title, ColumnType valueType, List<String> labels, List<Series> series) {

    public enum Kind {
        BAR,
        LINE,
        PIE
    }

    public record Series(Label name, List<? extends Number> values) {}
}
