package io.turno.scheduling.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A practitioner's plan as the API reads and replaces it: working intervals and breaks per day of
 * week, and dates whose intervals replace the plan (none: closed that day). Times are local to
 * {@code timeZone}.
 */
public record ScheduleView(
        String timeZone,
        Map<DayOfWeek, List<Interval>> weekly,
        Map<DayOfWeek, List<Interval>> breaks,
        List<DateException> exceptions) {

    public record Interval(
            @JsonFormat(pattern = "HH:mm") LocalTime start,
            @JsonFormat(pattern = "HH:mm") LocalTime end) {}

    public record DateException(LocalDate date, List<Interval> intervals) {}
}
