package io.turno.production.internal;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A client database's plant structure as it stores it (seed 002's tables), names trimmed, blanks
 * null; ids are the source's own.
 */
record SourceStructure(
        List<Line> lines, List<Area> areas, List<Product> products, List<Shift> shifts, List<Filter> filters) {

    /** The code is {@code line_code} where the table has it, else the line's id. */
    record Line(long id, String code, String name, boolean active) {}

    record Area(long id, long lineId, String name, String type) {}

    record Product(long id, String code, String name, BigDecimal cycle) {}

    record Shift(String name, LocalTime start, LocalTime end) {}

    record Filter(String name, boolean status, JsonNode defaultValue, JsonNode additional) {}
}
