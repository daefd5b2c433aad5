package io.turno.dashboards.internal;

import java.util.Locale;

/**
 * One entry of the system's widget catalog: what it shows ({@code kind}), which module feeds it, the
 * permission a caller needs to see it, and the JSON Schema its parameters must satisfy.
 *
 * @param audience clinic, office, plant or all: whom the widget is meant for, to group the catalog
 */
public record Widget(
        String code,
        String nameEs,
        String nameEn,
        ChartKind kind,
        String sourceModule,
        String permission,
        String audience,
        String parametersSchema) {

    public enum ChartKind {
        KPI_CARDS,
        LINE,
        BAR,
        PIE,
        TABLE,
        GAUGE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameEs;
    }
}
