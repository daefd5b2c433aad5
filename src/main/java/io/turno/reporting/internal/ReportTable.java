package io.turno.reporting.internal;

import java.util.List;

/**
 * One table of a report. {@code rows} is read once, row by row, by the renderer writing it, so a
 * report may back it with a query that streams; each row has one value per column (null: empty).
 * {@code totals} are rows aligned with the columns, read after the rows (null cells stay empty; the
 * first cell, when null, reads "Total").
 */
public record ReportTable(String key, Label title, List<Column> columns, Iterable<List<Object>> rows, Totals totals) {

    /** Read after the rows were written, so a streamed table may add them up on the way. */
    @FunctionalInterface
    public interface Totals {
        List<List<Object>> rows();

        static Totals none() {
            return List::of;
        }

        static Totals of(List<List<Object>> rows) {
            return () -> rows;
        }
    }
}
