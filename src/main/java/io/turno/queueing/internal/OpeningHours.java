package io.turno.queueing.internal;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A branch's weekly opening hours: per day ({@code MONDAY} … {@code SUNDAY}) the intervals it is
 * open, as {@code HH:mm} from {@code open} to {@code close} on the same day, not overlapping.
 * A day that is absent or has no interval is closed.
 */
public final class OpeningHours {

    @Schema(name = "OpeningInterval", description = "Open from `open` to `close`, HH:mm, the same day")
    public record Interval(
            @Schema(example = "07:00", requiredMode = REQUIRED)
            String open,

            @Schema(example = "18:00", requiredMode = REQUIRED)
            String close) {}

    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern DAY_TEXT = Pattern.compile("\\s*(\\S+?)\\s*-\\s*(\\S+?)\\s*");

    private OpeningHours() {}

    /** What is wrong with {@code hours}, one sentence per problem, naming the day; empty when valid. */
    public static List<String> problems(Map<String, List<Interval>> hours) {
        List<String> problems = new ArrayList<>();
        if (hours == null) {
            return problems;
        }
        Map<DayOfWeek, String> seen = new LinkedHashMap<>();
        hours.forEach((key, intervals) -> {
            DayOfWeek day = day(key);
            if (day == null) {
                problems.add("«" + key + "» no es un día de la semana (MONDAY … SUNDAY)");
                return;
            }
            if (seen.put(day, key) != null) {
                problems.add(day + " aparece dos veces");
            }
            problems.addAll(dayProblems(day.name(), intervals));
        });
        return problems;
    }

    /** What is wrong with one day's intervals, each sentence starting with {@code label}. */
    public static List<String> dayProblems(String label, List<Interval> intervals) {
        List<String> problems = new ArrayList<>();
        if (intervals == null) {
            problems.add(label + ": indica una lista de horarios (vacía si no abre)");
            return problems;
        }
        List<Interval> valid = new ArrayList<>();
        for (Interval interval : intervals) {
            if (interval == null || interval.open() == null || interval.close() == null) {
                problems.add(label + ": cada horario necesita open y close en formato HH:mm");
            } else if (!TIME.matcher(interval.open()).matches()
                    || !TIME.matcher(interval.close()).matches()) {
                problems.add(label + ": «" + interval.open() + "»–«" + interval.close()
                        + "» no son horas válidas en formato HH:mm (00:00 a 23:59)");
            } else if (interval.open().compareTo(interval.close()) >= 0) {
                problems.add(label + ": la apertura " + interval.open() + " debe ser anterior al cierre "
                        + interval.close());
            } else {
                valid.add(interval);
            }
        }
        valid.sort(Comparator.comparing(Interval::open));
        for (int i = 1; i < valid.size(); i++) {
            if (valid.get(i).open().compareTo(valid.get(i - 1).close()) < 0) {
                problems.add(label + ": los horarios " + text(valid.get(i - 1)) + " y " + text(valid.get(i))
                        + " se solapan");
            }
        }
        return problems;
    }

    /**
     * The hours in canonical form: days by name in week order, each day's intervals by time; closed
     * days, and anything {@link #problems} would report, left out.
     */
    public static Map<String, List<Interval>> normalize(Map<String, List<Interval>> hours) {
        Map<String, List<Interval>> normal = new LinkedHashMap<>();
        if (hours == null) {
            return normal;
        }
        Map<DayOfWeek, List<Interval>> byDay = new TreeMap<>();
        hours.forEach((key, intervals) -> {
            DayOfWeek day = day(key);
            if (day != null
                    && intervals != null
                    && dayProblems(day.name(), intervals).isEmpty()
                    && !intervals.isEmpty()) {
                byDay.put(
                        day,
                        intervals.stream()
                                .sorted(Comparator.comparing(Interval::open))
                                .toList());
            }
        });
        byDay.forEach((day, intervals) -> normal.put(day.name(), intervals));
        return normal;
    }

    /**
     * One day as a person types it in a form: {@code "07:00-12:00, 14:00-18:00"}, empty for closed.
     * Answers null when the text is not a list of {@code HH:mm-HH:mm}.
     */
    public static List<Interval> parseDay(String text) {
        List<Interval> intervals = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return intervals;
        }
        for (String part : text.split("[,;]")) {
            var matcher = DAY_TEXT.matcher(part);
            if (!matcher.matches()) {
                return null;
            }
            intervals.add(new Interval(padded(matcher.group(1)), padded(matcher.group(2))));
        }
        return intervals;
    }

    /** The inverse of {@link #parseDay}. */
    public static String formatDay(List<Interval> intervals) {
        return intervals == null
                ? ""
                : intervals.stream().map(OpeningHours::text).collect(Collectors.joining(", "));
    }

    private static String text(Interval interval) {
        return interval.open() + "-" + interval.close();
    }

    /** {@code 7:00} reads {@code 07:00}. */
    private static String padded(String time) {
        return time.matches("\\d:\\d\\d") ? "0" + time : time;
    }

    private static DayOfWeek day(String key) {
        if (key == null) {
            return null;
        }
        try {
            return DayOfWeek.valueOf(key.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
