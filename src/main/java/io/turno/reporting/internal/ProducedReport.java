package io.turno.reporting.internal;

import java.time.Instant;
import java.util.Locale;

import io.turno.shared.Formats;

/**
 * A report run, ready for a renderer: what it is, for whom (the organization's name, its zone and
 * currency in {@code formats}), with which parameters, when, and its result.
 */
public record ProducedReport(
        ReportDefinition definition,
        ReportParameters parameters,
        ReportResult result,
        String tenantName,
        Instant generatedAt,
        Locale locale,
        Formats formats) {

    public String title() {
        return definition.title().in(locale);
    }

    /** {@code improved-daily-cash-2026-12-07.pdf}: the report and its day (the generation day when it has none). */
    public String fileName(ReportFormat format) {
        String date = definition.fileDate(parameters);
        if (date == null) {
            date = generatedAt.atZone(formats.zone()).toLocalDate().toString();
        }
        return definition.code() + "-" + date + "." + format.extension();
    }
}
