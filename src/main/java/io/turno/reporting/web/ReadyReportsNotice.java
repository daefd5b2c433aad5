package io.turno.reporting.web;

import java.util.Optional;

import io.turno.reporting.internal.ReportJobs;
import io.turno.shared.Actor;
import io.turno.web.PageNotice;
import org.springframework.stereotype.Component;

/**
 * On every page, until they download them: "Informes listos para descargar: n", linking to their jobs on
 * {@code /reports} — a job done while its owner was on another page is not missed.
 */
@Component
class ReadyReportsNotice implements PageNotice {

    private final ReportJobs jobs;

    ReadyReportsNotice(ReportJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Optional<Notice> noticeFor(Actor person) {
        long ready = jobs.readyNotDownloaded(person);
        return ready == 0
                ? Optional.empty()
                : Optional.of(new Notice("reporting.jobs.readyNotice", ready, "/reports#jobs"));
    }
}
