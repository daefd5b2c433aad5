package io.turno.reporting.web;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.turno.reporting.internal.ReportJob;
import org.jspecify.annotations.Nullable;

/** A background report job on the wire. {@code percent} is 0–100; {@code error} only when FAILED. */
@Schema(name = "ReportJob")
record ReportJobView(
        UUID id,
        String report,

        @Schema(allowableValues = {"json", "csv", "xlsx", "pdf"})
        String format,

        @Schema(allowableValues = {"QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED", "EXPIRED"})
        String status,

        int percent,
        long rowsDone,
        int attempts,
        @Nullable String error,
        @Nullable String fileName,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        Links links) {

    record Links(String self, @Nullable String file) {}

    static ReportJobView of(ReportJob job) {
        String self = "/api/v1/report-jobs/" + job.id();
        return new ReportJobView(
                job.id(),
                job.report(),
                job.format().extension(),
                job.status().name(),
                job.percent(),
                job.rowsDone(),
                job.attempts(),
                job.error(),
                job.fileName(),
                job.createdAt(),
                job.startedAt(),
                job.finishedAt(),
                new Links(self, self + "/file"));
    }
}
