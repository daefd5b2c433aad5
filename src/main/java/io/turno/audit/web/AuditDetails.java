package io.turno.audit.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.turno.shared.Formats;
import io.turno.web.Labels;

/**
 * An audit entry's summary as lines a person reads ({@code key: value}) instead of its JSON. A
 * change ({@code before} and {@code after}) shows only what changed, as {@code before → after}; a
 * creation shows what was created, a deletion what was deleted. Nested objects are flattened
 * ({@code recipient.name}), lists are joined, moments are written in the organization's zone and
 * the reader's language, and a long value is cut (the raw JSON stays on the page).
 */
final class AuditDetails {

    /** One fact; {@code before} is null unless the entry records a change of this key. */
    record Line(String key, String before, String value) {

        /** The last part of the key, which the message {@code audit.field.<leaf>} names. */
        public String leaf() {
            return key.substring(key.lastIndexOf('.') + 1);
        }

        public boolean changed() {
            return before != null;
        }
    }

    /** How the reader reads moments and yes/no. */
    private record Reader(Formats formats, Labels.Words words) {}

    private static final int LONGEST = 160;
    private static final Pattern MOMENT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*(Z|[+-]\\d{2}:\\d{2})");
    private static final String BEFORE = "before";
    private static final String AFTER = "after";

    private AuditDetails() {}

    static List<Line> of(Map<String, Object> summary, Formats formats, Labels.Words words) {
        Reader reader = new Reader(formats, words);
        if (summary == null || summary.isEmpty()) {
            return List.of();
        }
        var lines = new ArrayList<Line>();
        Object before = summary.get(BEFORE);
        Object after = summary.get(AFTER);
        if (before instanceof Map<?, ?> was && after instanceof Map<?, ?> is) {
            changes(flatten(was), flatten(is), reader, lines);
        } else if (before != null && after != null) {
            changes(Map.of("", before), Map.of("", after), reader, lines);
        } else {
            Object one = after != null ? after : before;
            if (one != null) {
                flatten(one).forEach((key, value) -> lines.add(new Line(keyOr(key), null, text(value, reader))));
            }
        }
        summary.forEach((key, value) -> {
            if (!key.equals(BEFORE) && !key.equals(AFTER)) {
                flatten(value).forEach((sub, v) -> lines.add(new Line(join(key, sub), null, text(v, reader))));
            }
        });
        return lines;
    }

    private static void changes(Map<String, Object> was, Map<String, Object> is, Reader reader, List<Line> lines) {
        var keys = new LinkedHashSet<>(was.keySet());
        keys.addAll(is.keySet());
        for (String key : keys) {
            Object old = was.get(key);
            Object now = is.get(key);
            if (!Objects.equals(old, now)) {
                lines.add(new Line(keyOr(key), text(old, reader), text(now, reader)));
            }
        }
    }

    /** Leaves of nested maps under dotted keys; a scalar or a list is one leaf with the key "". */
    private static Map<String, Object> flatten(Object value) {
        var leaves = new LinkedHashMap<String, Object>();
        flatten("", value, leaves);
        return leaves;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> leaves) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, inner) -> flatten(join(prefix, String.valueOf(key)), inner, leaves));
        } else {
            leaves.put(prefix, value);
        }
    }

    private static String text(Object value, Reader reader) {
        String text;
        if (value == null
                || value instanceof Collection<?> none && none.isEmpty()
                || value instanceof Map<?, ?> empty && empty.isEmpty()) {
            text = "—";
        } else if (value instanceof Collection<?> many) {
            text = String.join(", ", many.stream().map(v -> text(v, reader)).toList());
        } else if (value instanceof Map<?, ?> map) {
            text = String.join(
                    ", ",
                    flatten(map).entrySet().stream()
                            .map(e -> e.getKey() + ": " + text(e.getValue(), reader))
                            .toList());
        } else if (value instanceof Boolean yes) {
            text = reader.words().yesNo(yes);
        } else if (value instanceof String s && MOMENT.matcher(s).matches()) {
            text = moment(s, reader.formats());
        } else {
            text = String.valueOf(value);
        }
        return text.length() > LONGEST ? text.substring(0, LONGEST - 1) + "…" : text;
    }

    private static String moment(String iso, Formats formats) {
        try {
            return formats.dateTime(OffsetDateTime.parse(iso));
        } catch (DateTimeParseException notOne) {
            return iso;
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : key.isEmpty() ? prefix : prefix + "." + key;
    }

    private static String keyOr(String key) {
        return key.isEmpty() ? "value" : key;
    }
}
