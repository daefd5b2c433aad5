package io.turno.dashboards.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The form fields of a widget's parameters, read from its JSON Schema (string, integer, number, boolean and
 * enum properties), and the typed values a form's text becomes before the schema checks them on save.
 */
final class ParameterFields {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One parameter: {@code type} is string, integer, number, boolean or enum; {@code choices} for enum. */
    record Field(String name, String type, List<String> choices, String min, String max) {

        public boolean numeric() {
            return type.equals("integer") || type.equals("number");
        }
    }

    private ParameterFields() {}

    static List<Field> of(String schema) {
        List<Field> fields = new ArrayList<>();
        JsonNode properties = JSON.readTree(schema).path("properties");
        for (String name : properties.propertyNames()) {
            JsonNode property = properties.get(name);
            List<String> choices = new ArrayList<>();
            property.path("enum").forEach(choice -> choices.add(choice.asString()));
            String type = !choices.isEmpty() ? "enum" : property.path("type").asString("string");
            fields.add(new Field(
                    name,
                    type,
                    List.copyOf(choices),
                    property.has("minimum") ? property.get("minimum").asString() : null,
                    property.has("maximum") ? property.get("maximum").asString() : null));
        }
        return fields;
    }

    /**
     * The parameters as the schema expects them: blank ones left out (the widget's default), numbers and
     * booleans as such; text that is not a number stays text, so the schema names the field as a wrong type.
     */
    static Map<String, Object> typed(List<Field> fields, Map<String, String> typedIn) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        typedIn.forEach((name, raw) -> {
            if (raw == null || raw.isBlank()) {
                return;
            }
            String value = raw.strip();
            String type = fields.stream()
                    .filter(field -> field.name().equals(name))
                    .map(Field::type)
                    .findFirst()
                    .orElse("string");
            parameters.put(
                    name,
                    switch (type) {
                        case "integer" -> integer(value);
                        case "number" -> number(value);
                        case "boolean" ->
                            value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : value;
                        default -> value;
                    });
        });
        return parameters;
    }

    /** The form's text of saved parameters. */
    static Map<String, String> text(Map<String, Object> parameters) {
        Map<String, String> text = new LinkedHashMap<>();
        parameters.forEach((name, value) -> text.put(name, value == null ? "" : String.valueOf(value)));
        return text;
    }

    private static Object integer(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notInteger) {
            return number(value);
        }
    }

    private static Object number(String value) {
        try {
            return new java.math.BigDecimal(value);
        } catch (NumberFormatException notNumber) {
            return value;
        }
    }
}
