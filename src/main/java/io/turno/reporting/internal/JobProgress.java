package io.turno.reporting.internal;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Counts the rows a renderer takes from a report's tables and notes them on the job at most every
 * {@code every} nanoseconds (not per row); the note also tells whether the job is still this instance's
 * to run, and when it is not (cancelled, or taken back) the next row throws {@link Stopped}. The percent is
 * known when every table's rows are a collection (their sizes add up); a streamed table leaves it at 0
 * until the job is DONE.
 */
final class JobProgress {

    /** Notes rows written and percent; answers false when the job should stop. */
    @FunctionalInterface
    interface Note {
        boolean rows(long rows, int percent);
    }

    /** The job is no longer this run's: cancelled by its owner, or taken back from an instance thought dead. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("Report job stopped", null, false, false);
        }
    }

    private final Note note;
    private final long every;
    private long rows;
    private long total = -1;
    private long lastNote;

    JobProgress(Note note, long everyNanos) {
        this.note = note;
        this.every = everyNanos;
        this.lastNote = System.nanoTime();
    }

    long rows() {
        return rows;
    }

    /** The report with each table's rows counted as they are read. */
    ProducedReport counting(ProducedReport report) {
        List<ReportTable> tables = report.result().tables();
        total = tables.stream().allMatch(t -> t.rows() instanceof Collection<?>)
                ? tables.stream()
                        .mapToLong(t -> ((Collection<?>) t.rows()).size())
                        .sum()
                : -1;
        var counted = tables.stream()
                .map(t -> new ReportTable(t.key(), t.title(), t.columns(), counted(t.rows()), t.totals()))
                .toList();
        ReportResult result = new ReportResult(
                report.result().summary(), counted, report.result().chart());
        return new ProducedReport(
                report.definition(),
                report.parameters(),
                result,
                report.tenantName(),
                report.generatedAt(),
                report.locale(),
                report.formats());
    }

    private Iterable<List<Object>> counted(Iterable<List<Object>> source) {
        return () -> {
            Iterator<List<Object>> inner = source.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return inner.hasNext();
                }

                @Override
                public List<Object> next() {
                    List<Object> row = inner.next();
                    rows++;
                    long now = System.nanoTime();
                    if (now - lastNote >= every) {
                        lastNote = now;
                        if (!note.rows(rows, percent())) {
                            throw new Stopped();
                        }
                    }
                    return row;
                }
            };
        };
    }

    /** Below 100 until the file is stored: writing the totals and the file still takes a moment. */
    private int percent() {
        return total <= 0 ? 0 : (int) Math.min(99, rows * 100 / total);
    }
}
