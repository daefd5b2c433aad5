package io.turno.reporting.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a report's parameters from what a request sent (every value a string, a name possibly
 * repeated) against the report's declared parameters, and refuses them all at once, each named, when
 * any is wrong: unknown, missing, not a date, not an allowed value, too long.
 */
final class ParameterReader {

    private ParameterReader() {}

    static ReportParameters read(ReportDefinition report, Map<String, List<String>> sent, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Parameter> declared = new LinkedHashMap<>();
        report.parameters().forEach(p -> declared.put(p.name(), p));
        sent.keySet().stream()
                .filter(name -> !declared.containsKey(name))
                .forEach(name -> errors.put(
                        name,
                        new Label(
                                        "no es un parámetro de este informe (son: %s)"
                                                .formatted(String.join(", ", declared.keySet())),
                                        "is not a parameter of this report (they are: %s)"
                                                .formatted(String.join(", ", declared.keySet())))
                                .in(locale)));
        for (Parameter parameter : declared.values()) {
            List<String> given = sent.getOrDefault(parameter.name(), List.of()).stream()
                    .flatMap(v -> parameter.type() == Parameter.Type.CHOICES
                            ? java.util.Arrays.stream(v.split(","))
                            : java.util.stream.Stream.of(v))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .toList();
            if (given.isEmpty()) {
                if (parameter.required()) {
                    errors.put(parameter.name(), new Label("es obligatorio", "is required").in(locale));
                }
                continue;
            }
            Label problem = check(parameter, given);
            if (problem != null) {
                errors.put(parameter.name(), problem.in(locale));
            } else {
                values.put(parameter.name(), value(parameter, given));
            }
        }
        var parameters = new ReportParameters(values);
        if (errors.isEmpty()) {
            report.problems(parameters).forEach((name, problem) -> errors.put(name, problem.in(locale)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidParameters(
                    new Label("Revise los parámetros del informe:", "Check the report's parameters:").in(locale),
                    errors);
        }
        return parameters;
    }

    private static Label check(Parameter parameter, List<String> given) {
        if (parameter.type() != Parameter.Type.CHOICES && given.size() > 1) {
            return new Label("se da una sola vez", "is given once");
        }
        String first = given.getFirst();
        return switch (parameter.type()) {
            case DATE -> {
                try {
                    LocalDate.parse(first);
                    yield null;
                } catch (DateTimeParseException notADate) {
                    yield new Label(
                            "«%s» no es una fecha AAAA-MM-DD".formatted(first),
                            "'%s' is not a date YYYY-MM-DD".formatted(first));
                }
            }
            case CHOICE, CHOICES ->
                given.stream()
                        .filter(v -> !parameter.options().contains(v))
                        .findFirst()
                        .map(bad -> new Label(
                                "«%s» no es uno de: %s".formatted(bad, String.join(", ", parameter.options())),
                                "'%s' is not one of: %s".formatted(bad, String.join(", ", parameter.options()))))
                        .orElse(null);
            case TEXT ->
                first.length() > parameter.maxLength()
                        ? new Label(
                                "tiene más de %d caracteres".formatted(parameter.maxLength()),
                                "is longer than %d characters".formatted(parameter.maxLength()))
                        : null;
        };
    }

    private static Object value(Parameter parameter, List<String> given) {
        return switch (parameter.type()) {
            case DATE -> LocalDate.parse(given.getFirst());
            case CHOICE, TEXT -> given.getFirst();
            case CHOICES -> List.copyOf(new ArrayList<>(new java.util.LinkedHashSet<>(given)));
        };
    }
}
