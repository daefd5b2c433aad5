package io.turno.production.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.turno.production.internal.ClientDatabases.TableCheck;
import io.turno.production.internal.ClientDatabases.Verification;
import io.turno.production.internal.SourceDatabase.Table;

/** Seed 002's verify_client_structure.py: a client database's tables and columns against what the sync reads. */
final class SourceVerification {

    /** The structure tables and the columns each must have. */
    static final Map<String, List<String>> REQUIRED = requiredTables();
    /** What the import reads from each line's detections; {@code rejected} is optional. */
    static final List<String> DETECTION_COLUMNS = List.of("detection_id", "detected_at", "area_id", "product_id");

    private SourceVerification() {}

    private static Map<String, List<String>> requiredTables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("PRODUCTION_LINE", List.of("line_id", "line_name", "is_active"));
        tables.put("AREA", List.of("area_id", "line_id", "area_name", "area_type"));
        tables.put("PRODUCT", List.of("product_id", "product_name", "product_code"));
        tables.put("FILTER", List.of("filter_id", "filter_name", "filter_status", "default_value"));
        tables.put("SHIFT", List.of("shift_id", "shift_name", "start_time", "end_time"));
        return Collections.unmodifiableMap(tables);
    }

    /** The structure tables, counted, then (when PRODUCTION_LINE is readable) each line's DETECTION_LINE_{code}. */
    static Verification verify(SourceDatabase.Session source) throws SQLException {
        List<TableCheck> checks = new ArrayList<>();
        REQUIRED.forEach((name, columns) -> checks.add(check(source, name, columns, true)));
        if (checks.getFirst().exists() && checks.getFirst().missingColumns().isEmpty()) {
            for (SourceStructure.Line line : source.lines()) {
                checks.add(check(source, detectionTable(line), DETECTION_COLUMNS, false));
            }
        }
        boolean ok =
                checks.stream().allMatch(c -> c.exists() && c.missingColumns().isEmpty() && c.error() == null);
        return new Verification(ok, checks);
    }

    /** What keeps the sync from reading the structure tables, one phrase each; empty when nothing does. */
    static List<String> structureProblems(Verification verification) {
        return verification.tables().stream()
                .limit(REQUIRED.size())
                .filter(t -> !t.exists() || !t.missingColumns().isEmpty())
                .map(t ->
                        t.exists() ? t.table() + " sin " + String.join(", ", t.missingColumns()) : "falta " + t.table())
                .toList();
    }

    static String detectionTable(SourceStructure.Line line) {
        return "DETECTION_LINE_" + line.code();
    }

    /** Whether the import can read the table: it exists with the detection columns. */
    static boolean importable(Table table) {
        return table != null && table.columns().containsAll(DETECTION_COLUMNS);
    }

    private static TableCheck check(SourceDatabase.Session source, String name, List<String> columns, boolean count) {
        Table table = source.table(name);
        if (table == null) {
            return new TableCheck(name, false, columns, null, null);
        }
        List<String> missing =
                columns.stream().filter(c -> !table.columns().contains(c)).toList();
        Long rows = null;
        String error = null;
        if (count) {
            try {
                rows = source.count(table);
            } catch (SQLException e) {
                error = e.getMessage();
            }
        }
        return new TableCheck(name, true, missing, rows, error);
    }
}
