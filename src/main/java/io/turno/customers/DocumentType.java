package io.turno.customers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Colombian identity documents, each with the shape of its number. Numbers are compared
 * normalized: upper case, without spaces, dots or hyphens ({@code 1.020.304.050} is
 * {@code 1020304050}).
 */
public enum DocumentType {
    CC("cédula de ciudadanía", Shape.DIGITS),
    CE("cédula de extranjería", Shape.ALPHANUMERIC),
    TI("tarjeta de identidad", Shape.DIGITS),
    PA("pasaporte", Shape.ALPHANUMERIC),
    NIT("NIT", Shape.DIGITS),
    RC("registro civil", Shape.DIGITS),
    PEP("permiso especial de permanencia", Shape.ALPHANUMERIC);

    private enum Shape {
        DIGITS(Pattern.compile("[0-9]{5,15}"), "solo dígitos, de 5 a 15"),
        ALPHANUMERIC(Pattern.compile("[A-Z0-9]{3,20}"), "solo letras y dígitos, de 3 a 20");

        private final Pattern pattern;
        private final String rule;

        Shape(Pattern pattern, String rule) {
            this.pattern = pattern;
            this.rule = rule;
        }
    }

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");

    private final String displayName;
    private final Shape shape;

    DocumentType(String displayName, Shape shape) {
        this.displayName = displayName;
        this.shape = shape;
    }

    public String displayName() {
        return displayName;
    }

    /** The type a person typed ({@code "cc"}, {@code " CC "}), if it is one. */
    public static Optional<DocumentType> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(type -> type.name().equals(wanted))
                .findFirst();
    }

    /** The codes as a person reads them: "CC, CE, TI, PA, NIT, RC o PEP". */
    public static String codes() {
        String all = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " o " + all.substring(last + 2);
    }

    /** The number as stored and compared: upper case, without spaces, dots or hyphens. */
    public static String normalize(String number) {
        return number == null ? null : SEPARATORS.matcher(number).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** Whether {@code number} (as typed; it is normalized first) is a well-formed number of this type. */
    public boolean accepts(String number) {
        String normalized = normalize(number);
        return normalized != null && shape.pattern.matcher(normalized).matches();
    }

    /** What a number of this type looks like, in Spanish, for error messages. */
    public String rule() {
        return "para " + name() + " (" + displayName + ") el número lleva " + shape.rule
                + " caracteres (se ignoran espacios, puntos y guiones)";
    }
}
