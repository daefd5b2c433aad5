package io.turno.reporting.internal;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long a finished job's file is kept ({@code turno.reporting.files.keep}, 7 days by default), and the
 * size from which a report asked for directly runs in the background instead ({@code
 * turno.reporting.background-above-rows}, 50 000 rows by default).
 */
@Component
public class ReportingSettings {

    private final Duration keep;
    private volatile long backgroundAboveRows;

    ReportingSettings(
            @Value("${turno.reporting.files.keep:P7D}") Duration keep,
            @Value("${turno.reporting.background-above-rows:50000}") long backgroundAboveRows) {
        this.keep = keep;
        this.backgroundAboveRows = backgroundAboveRows;
    }

    public Duration keep() {
        return keep;
    }

    public long backgroundAboveRows() {
        return backgroundAboveRows;
    }

    /** Changes the threshold while running (the tests lower it and put it back). */
    public void backgroundAboveRows(long rows) {
        this.backgroundAboveRows = rows;
    }

    /** A report of {@code rows} rows (negative: not known beforehand) runs in the background. */
    public boolean inBackground(long rows) {
        return rows > backgroundAboveRows;
    }
}
