package io.turno.reporting.internal;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's parameters after checking, by name and typed: LocalDate for DATE, String for CHOICE and
 * TEXT, List of String for CHOICES. A parameter left out is absent.
 */
public record ReportParameters(Map<String, Object> values) {

    public ReportParameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public LocalDate date(String name) {
        return (LocalDate) values.get(name);
    }

    public String text(String name) {
        return (String) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> choices(String name) {
        Object value = values.get(name);
        return value == null ? List.of() : (List<String>) value;
    }

    /** The value as the wire and the file name write it: ISO dates, lists comma-joined. */
    public String written(String name) {
        Object value = values.get(name);
        return switch (value) {
            case null -> null;
            case List<?> list ->
                String.join(",", list.stream().map(String::valueOf).toList());
            default -> value.toString();
        };
    }
}
