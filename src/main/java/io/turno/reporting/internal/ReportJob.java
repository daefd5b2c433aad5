package io.turno.reporting.internal;

import java.time.Instant;
import java.util.UUID;

/** A background report as its owner sees it: where it is, and (once DONE) the file's name. */
public record ReportJob(
        UUID id,
        UUID ownerId,
        String report,
        ReportFormat format,
        Status status,
        long rowsDone,
        int percent,
        int attempts,
        String error,
        String fileName,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        CANCELLED,
        /** DONE once; its file was removed after the time files are kept. */
        EXPIRED
    }
}
