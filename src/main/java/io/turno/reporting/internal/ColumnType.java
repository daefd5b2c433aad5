package io.turno.reporting.internal;

/**
 * What a cell holds, which decides how every format writes it. Cell values: TEXT a String, INTEGER a
 * Long or Integer, DECIMAL a BigDecimal, MONEY an {@link Amount}, DATE a LocalDate, DATETIME an
 * Instant (shown in the organization's zone), PERCENT a BigDecimal ratio (0.805 is 80.5 %).
 */
public enum ColumnType {
    TEXT,
    INTEGER,
    DECIMAL,
    MONEY,
    DATE,
    DATETIME,
    PERCENT;

    /** The name on the wire: {@code money}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean numeric() {
        return this == INTEGER || this == DECIMAL || this == MONEY || this == PERCENT;
    }
}
