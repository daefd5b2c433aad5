package io.turno.production.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.turno.production.internal.Plant.Break;
import io.turno.production.internal.Plant.Shift;

/**
 * Planned production time: the shifts' occurrences on the plant's local calendar (a shift may cross
 * midnight; a daylight-saving day makes it an hour shorter or longer) minus their planned breaks.
 */
final class PlannedTime {

    private PlannedTime() {}

    record Interval(Instant start, Instant end) {

        long seconds() {
            return Duration.between(start, end).toSeconds();
        }

        long millis() {
            return Duration.between(start, end).toMillis();
        }

        Interval clip(Instant from, Instant to) {
            Instant s = start.isBefore(from) ? from : start;
            Instant e = end.isAfter(to) ? to : end;
            return s.isBefore(e) ? new Interval(s, e) : null;
        }

        boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && end.isAfter(from);
        }
    }

    /** One shift on one day: the whole of it, and the pieces left once its breaks are taken out. */
    record Occurrence(UUID shiftId, String shiftName, Interval whole, List<Interval> pieces) {}

    /** The occurrences of {@code shifts} that overlap [from, to), in order of start. */
    static List<Occurrence> occurrences(List<Shift> shifts, ZoneId zone, Instant from, Instant to) {
        List<Occurrence> found = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(from, zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Shift shift : shifts) {
                boolean crosses = !shift.end().isAfter(shift.start());
                Interval whole = new Interval(
                        at(day, shift.start(), zone), at(crosses ? day.plusDays(1) : day, shift.end(), zone));
                if (!whole.overlaps(from, to)) {
                    continue;
                }
                List<Interval> pieces = new ArrayList<>(List.of(whole));
                for (Break pause : shift.breaks()) {
                    LocalDate breakDay = crosses && pause.start().isBefore(shift.start()) ? day.plusDays(1) : day;
                    LocalDate breakEndDay = pause.end().isAfter(pause.start()) ? breakDay : breakDay.plusDays(1);
                    pieces = minus(
                            pieces,
                            new Interval(at(breakDay, pause.start(), zone), at(breakEndDay, pause.end(), zone)));
                }
                found.add(new Occurrence(shift.id(), shift.name(), whole, List.copyOf(pieces)));
            }
        }
        found.sort(Comparator.comparing(o -> o.whole().start()));
        return found;
    }

    /** Planned time in [from, to), of one shift or (null) of all, as ordered disjoint intervals. */
    static List<Interval> planned(List<Occurrence> occurrences, UUID shiftId, Instant from, Instant to) {
        List<Interval> pieces = new ArrayList<>();
        for (Occurrence occurrence : occurrences) {
            if (shiftId != null && !shiftId.equals(occurrence.shiftId())) {
                continue;
            }
            for (Interval piece : occurrence.pieces()) {
                Interval clipped = piece.clip(from, to);
                if (clipped != null) {
                    pieces.add(clipped);
                }
            }
        }
        return merge(pieces);
    }

    static long millis(List<Interval> intervals) {
        return intervals.stream().mapToLong(Interval::millis).sum();
    }

    /** Milliseconds of {@code interval} inside the disjoint {@code within}. */
    static long overlapMillis(Interval interval, List<Interval> within) {
        long millis = 0;
        for (Interval piece : within) {
            Interval common = interval.clip(piece.start(), piece.end());
            if (common != null) {
                millis += common.millis();
            }
        }
        return millis;
    }

    static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            Interval last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && !next.start().isAfter(last.end())) {
                merged.set(
                        merged.size() - 1,
                        new Interval(last.start(), next.end().isAfter(last.end()) ? next.end() : last.end()));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    private static List<Interval> minus(List<Interval> pieces, Interval cut) {
        List<Interval> left = new ArrayList<>();
        for (Interval piece : pieces) {
            if (!piece.overlaps(cut.start(), cut.end())) {
                left.add(piece);
                continue;
            }
            if (piece.start().isBefore(cut.start())) {
                left.add(new Interval(piece.start(), cut.start()));
            }
            if (piece.end().isAfter(cut.end())) {
                left.add(new Interval(cut.end(), piece.end()));
            }
        }
        return left;
    }

    /** The instant of a local date and time; a time skipped by daylight saving moves forward by the gap. */
    private static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }
}
