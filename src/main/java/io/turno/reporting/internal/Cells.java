package io.turno.reporting.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.turno.shared.Formats;

/**
 * How a cell reads: for a person ({@link #display}, through {@link Formats}, as pages write it) and
 * for a machine ({@link #plain}: ISO dates, a dot or comma before decimals, no symbols).
 */
final class Cells {

    private static final DateTimeFormatter PLAIN_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Cells() {}

    /** The cell as the pages write it; empty for null. */
    static String display(Object value, ColumnType type, Formats formats) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text; // a totals row's label, whatever its column holds
        }
        return switch (type) {
            case TEXT -> value.toString();
            case INTEGER, DECIMAL -> formats.number((Number) value);
            case MONEY ->
                value instanceof Amount amount
                        ? formats.money(amount.value(), amount.currency())
                        : formats.money((BigDecimal) value);
            case PERCENT -> formats.percent((Number) value);
            case DATE -> formats.date((LocalDate) value);
            case DATETIME -> formats.dateTime((Instant) value);
        };
    }

    /** The cell for a file another program reads; {@code decimalComma} writes {@code 25,50}. */
    static String plain(Object value, ColumnType type, ZoneId zone, boolean decimalComma) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        return switch (type) {
            case TEXT -> value.toString();
            case INTEGER -> value.toString();
            case DECIMAL, PERCENT, MONEY -> {
                String digits = number(value).toPlainString();
                yield decimalComma ? digits.replace('.', ',') : digits;
            }
            case DATE -> value.toString();
            case DATETIME -> PLAIN_DATE_TIME.format(((Instant) value).atZone(zone));
        };
    }

    /** The number of a numeric cell (a MONEY cell's amount). */
    static BigDecimal number(Object value) {
        return switch (value) {
            case Amount amount -> amount.value();
            case BigDecimal decimal -> decimal;
            case Number number -> new BigDecimal(number.toString());
            default -> throw new IllegalArgumentException("Not a number: " + value);
        };
    }

    /** A totals row's first cell reads "Total" when the report left it empty. */
    static Object totalsLabel(List<Object> totals, int column, Locale locale) {
        Object value = totals.get(column);
        return value == null && column == 0 ? new Label("Total", "Total").in(locale) : value;
    }
}
