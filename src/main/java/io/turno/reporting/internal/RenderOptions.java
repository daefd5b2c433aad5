package io.turno.reporting.internal;

/**
 * How the caller wants a file written. {@code semicolon}: CSV cells are separated by {@code ;} and
 * decimals written with a comma, as Excel reads files in Spanish-speaking locales.
 */
public record RenderOptions(boolean semicolon) {

    public static final RenderOptions DEFAULTS = new RenderOptions(false);
}
