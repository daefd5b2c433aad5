package io.turno.dashboards.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.turno.identity.CurrentUser;

/**
 * What one widget is computed for: the caller, their language, the organization's time zone and today,
 * the dashboard's filters and the widget's own parameters (already valid against its schema).
 */
record WidgetContext(
        CurrentUser user,
        Locale locale,
        ZoneId zone,
        Instant now,
        DashboardFilters filters,
        Map<String, Object> parameters) {

    static final int DEFAULT_DAYS = 7;
    static final int DEFAULT_LIMIT = 10;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    LocalDate today() {
        return LocalDate.ofInstant(now, zone);
    }

    /** The first day: the dashboard's range, else {@code days} back from today (today counts as one). */
    LocalDate from() {
        return filters.hasRange() ? filters.from() : today().minusDays(integer("days", DEFAULT_DAYS) - 1L);
    }

    LocalDate to() {
        return filters.hasRange() ? filters.to() : today();
    }

    /** The first day's start, or its {@code from_time}. */
    Instant start() {
        return filters.fromTime() == null
                ? from().atStartOfDay(zone).toInstant()
                : from().atTime(filters.fromTime()).atZone(zone).toInstant();
    }

    /** The end of the last day, or its {@code to_time} (exclusive). */
    Instant end() {
        return filters.toTime() == null
                ? to().plusDays(1).atStartOfDay(zone).toInstant()
                : to().atTime(filters.toTime()).atZone(zone).toInstant();
    }

    UUID lineId() {
        return filters.lineId() != null ? filters.lineId() : uuid("line_id");
    }

    UUID branchId() {
        return filters.branchId() != null ? filters.branchId() : uuid("branch_id");
    }

    UUID shiftId() {
        return filters.shiftId();
    }

    UUID productId() {
        return filters.productId();
    }

    UUID practitionerId() {
        return filters.practitionerId();
    }

    int limit() {
        return integer("limit", DEFAULT_LIMIT);
    }

    String text(String name, String otherwise) {
        Object value = parameters.get(name);
        return value == null ? otherwise : value.toString();
    }

    int integer(String name, int otherwise) {
        return parameters.get(name) instanceof Number number ? number.intValue() : otherwise;
    }

    /** The same words in the caller's language. */
    String say(String spanish, String english) {
        return "en".equals(locale.getLanguage()) ? english : spanish;
    }

    String minute(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant.atZone(zone));
    }

    private UUID uuid(String name) {
        Object value = parameters.get(name);
        return value == null ? null : UUID.fromString(value.toString());
    }
}
