package io.turno.reporting.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The "from" and "to" days (both included) of the statistics reports, read in the organization's
 * zone as {@code [from 00:00, to + 1 00:00)}; at most a year, so a report stays a report.
 */
record DateRange(LocalDate from, LocalDate to, ZoneId zone) {

    static final int MAX_DAYS = 366;

    static List<Parameter> parameters() {
        return List.of(Parameter.date("from", "Desde", "From", true), Parameter.date("to", "Hasta", "To", true));
    }

    static Map<String, Label> problems(ReportParameters parameters) {
        LocalDate from = parameters.date("from");
        LocalDate to = parameters.date("to");
        if (from == null || to == null) {
            return Map.of();
        }
        if (to.isBefore(from)) {
            return Map.of("to", new Label("es anterior a «Desde»", "is before 'From'"));
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            return Map.of("to", new Label("está a más de un año de «Desde»", "is more than a year after 'From'"));
        }
        return Map.of();
    }

    static DateRange of(ReportRequest request) {
        return new DateRange(
                request.parameters().date("from"),
                request.parameters().date("to"),
                request.formats().zone());
    }

    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The moment after the last day. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
