package io.turno.reporting.internal;

/** A column of a report's table: its key on the wire (snake_case), its title and its type. */
public record Column(String key, Label title, ColumnType type) {

    public static Column of(String key, String es, String en, ColumnType type) {
        return new Column(key, new Label(es, en), type);
    }
}
