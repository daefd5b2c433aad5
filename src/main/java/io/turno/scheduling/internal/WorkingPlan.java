package io.turno.scheduling.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A practitioner's week in local time and what it makes of real time. Local intervals become
 * instants day by day through the zone's rules, so a day of a daylight-saving change has its real
 * length: 08:00–12:00 is four hours of slots on either side of a change, and a night interval
 * crossing the change is an hour shorter or longer.
 *
 * @param exceptions dates whose working intervals replace the plan's intervals and breaks (an empty
 *                   list: closed that day)
 */
record WorkingPlan(
        ZoneId zone,
        Map<DayOfWeek, List<LocalSpan>> work,
        Map<DayOfWeek, List<LocalSpan>> breaks,
        Map<LocalDate, List<LocalSpan>> exceptions) {

    /** From {@code start} to {@code end} on one day, local time. */
    record LocalSpan(LocalTime start, LocalTime end) {}

    /** A stretch of real time, {@code [start, end)}. */
    record Span(Instant start, Instant end) {

        boolean overlaps(Span other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }

        boolean contains(Span other) {
            return !other.start.isBefore(start) && !other.end.isAfter(end);
        }
    }

    WorkingPlan {
        work = work.isEmpty() ? Map.of() : new EnumMap<>(work);
        breaks = breaks.isEmpty() ? Map.of() : new EnumMap<>(breaks);
        exceptions = Map.copyOf(exceptions);
    }

    /** The local intervals worked on {@code date}: the exception, or the plan's minus its breaks. */
    List<LocalSpan> localWorking(LocalDate date) {
        if (exceptions.containsKey(date)) {
            return sorted(exceptions.get(date));
        }
        List<LocalSpan> result = sorted(work.getOrDefault(date.getDayOfWeek(), List.of()));
        for (LocalSpan pause : breaks.getOrDefault(date.getDayOfWeek(), List.of())) {
            var next = new ArrayList<LocalSpan>();
            for (LocalSpan span : result) {
                if (!pause.start().isBefore(span.end()) || !pause.end().isAfter(span.start())) {
                    next.add(span);
                    continue;
                }
                if (pause.start().isAfter(span.start())) {
                    next.add(new LocalSpan(span.start(), pause.start()));
                }
                if (pause.end().isBefore(span.end())) {
                    next.add(new LocalSpan(pause.end(), span.end()));
                }
            }
            result = next;
        }
        return result;
    }

    /** The real time worked on {@code date}. */
    List<Span> working(LocalDate date) {
        return localWorking(date).stream()
                .map(s -> new Span(
                        ZonedDateTime.of(date, s.start(), zone).toInstant(),
                        ZonedDateTime.of(date, s.end(), zone).toInstant()))
                .filter(s -> s.end().isAfter(s.start()))
                .toList();
    }

    /** The real time worked from {@code from} to {@code to} (dates inclusive), less every busy span. */
    List<Span> free(LocalDate from, LocalDate to, List<Span> busy) {
        var sortedBusy = busy.stream().sorted(Comparator.comparing(Span::start)).toList();
        var result = new ArrayList<Span>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            for (Span span : working(date)) {
                result.addAll(subtract(span, sortedBusy));
            }
        }
        return result;
    }

    /**
     * Slots of {@code length} from {@code from} to {@code to}: consecutive from the start of each free
     * stretch, none starting before {@code notBefore}.
     */
    List<Span> slots(LocalDate from, LocalDate to, Duration length, List<Span> busy, Instant notBefore) {
        var result = new ArrayList<Span>();
        for (Span free : free(from, to, busy)) {
            for (Instant start = free.start(); !start.plus(length).isAfter(free.end()); start = start.plus(length)) {
                if (!start.isBefore(notBefore)) {
                    result.add(new Span(start, start.plus(length)));
                }
            }
        }
        return result;
    }

    /** Whether {@code wanted} lies inside one worked stretch, outside every busy span. */
    boolean fits(Span wanted, List<Span> busy) {
        LocalDate day = wanted.start().atZone(zone).toLocalDate();
        return free(day, day, busy).stream().anyMatch(s -> s.contains(wanted));
    }

    private static List<Span> subtract(Span span, List<Span> busy) {
        var result = new ArrayList<Span>();
        Instant cursor = span.start();
        for (Span taken : busy) {
            if (!taken.end().isAfter(cursor) || !taken.start().isBefore(span.end())) {
                continue;
            }
            if (taken.start().isAfter(cursor)) {
                result.add(new Span(cursor, taken.start()));
            }
            if (taken.end().isAfter(cursor)) {
                cursor = taken.end();
            }
        }
        if (cursor.isBefore(span.end())) {
            result.add(new Span(cursor, span.end()));
        }
        return result;
    }

    private static List<LocalSpan> sorted(List<LocalSpan> spans) {
        return spans.stream().sorted(Comparator.comparing(LocalSpan::start)).toList();
    }
}
