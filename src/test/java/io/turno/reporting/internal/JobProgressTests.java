package io.turno.reporting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Progress is noted on a schedule, not per row, and a note answering "stop" stops the renderer at the next row. */
class JobProgressTests {

    @Test
    void notesAreThrottledAndCountTheRows() {
        List<long[]> notes = new ArrayList<>();
        var often = new JobProgress((rows, percent) -> notes.add(new long[] {rows, percent}), 0);
        read(often.counting(report(200)));
        assertThat(often.rows()).isEqualTo(200);
        assertThat(notes).hasSize(200);
        assertThat(notes.get(99)).containsExactly(100, 50);
        assertThat(notes.getLast()[1]).isEqualTo(99); // 100 only once the file is stored

        notes.clear();
        var seldom = new JobProgress((rows, percent) -> notes.add(new long[] {rows, percent}), 60_000_000_000L);
        read(seldom.counting(report(10_000)));
        assertThat(seldom.rows()).isEqualTo(10_000);
        assertThat(notes).isEmpty();
    }

    @Test
    void aJobNoLongerRunningStopsAtTheNextRow() {
        var progress = new JobProgress((rows, percent) -> rows < 3, 0);
        assertThatThrownBy(() -> read(progress.counting(report(100)))).isInstanceOf(JobProgress.Stopped.class);
        assertThat(progress.rows()).isEqualTo(3);
    }

    private static void read(ProducedReport report) {
        report.result().tables().forEach(t -> t.rows().forEach(row -> {}));
    }

    private static ProducedReport report(int rows) {
        List<List<Object>> values =
                IntStream.range(0, rows).mapToObj(i -> List.<Object>of(i)).toList();
        var table = new ReportTable("t", new Label("T", "T"), List.of(), values, ReportTable.Totals.none());
        return new ProducedReport(
                null, null, new ReportResult(List.of(), List.of(table), null), "", Instant.EPOCH, null, null);
    }
}
