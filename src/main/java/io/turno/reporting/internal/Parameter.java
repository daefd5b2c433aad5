package io.turno.reporting.internal;

import java.util.List;

/**
 * A parameter of a report, as its form shows it and as the request names it ({@code date},
 * {@code payment_methods}). {@code options} are the allowed values of CHOICE and CHOICES;
 * {@code maxLength} bounds TEXT.
 */
public record Parameter(String name, Label label, Type type, boolean required, List<String> options, int maxLength) {

    public enum Type {
        /** An ISO date, {@code 2026-12-07}. */
        DATE,
        /** One of {@code options}. */
        CHOICE,
        /** Any of {@code options}, repeated or comma-separated. */
        CHOICES,
        /** Free text up to {@code maxLength} characters. */
        TEXT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Parameter date(String name, String es, String en, boolean required) {
        return new Parameter(name, new Label(es, en), Type.DATE, required, List.of(), 0);
    }

    public static Parameter choices(String name, String es, String en, List<String> options) {
        return new Parameter(name, new Label(es, en), Type.CHOICES, false, List.copyOf(options), 0);
    }

    public static Parameter text(String name, String es, String en, int maxLength) {
        return new Parameter(name, new Label(es, en), Type.TEXT, false, List.of(), maxLength);
    }
}
