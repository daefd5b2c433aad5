package io.turno.reporting.internal;

/** One figure of a report's summary (opening balance, the audit chain's state), typed as a cell. */
public record Figure(String key, Label label, ColumnType type, Object value) {}
