package io.turno.production.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.turno.production.internal.ClientDatabases.Kind;
import io.turno.production.internal.ClientDatabases.Source;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organization's own database (MariaDB/MySQL or PostgreSQL), read over a read-only connection:
 * its catalog, its structure tables and its lines' detections. Only SELECTs are sent to it.
 */
@Repository
class SourceDatabase {

    /** A table of the source as its catalog names it, with its columns in lower case. */
    record Table(String name, Set<String> columns) {}

    /** One row of a line's {@code DETECTION_LINE_{code}}; {@code rejected} null where the table has no such column. */
    record Detection(long id, Instant at, long areaId, long productId, Boolean rejected) {}

    private final SourceHosts hosts;

    SourceDatabase(SourceHosts hosts) {
        this.hosts = hosts;
    }

    /** Opens a read-only connection to the source and reads its catalog; an internal host is refused as unreachable. */
    Session open(Source source, String password) throws SQLException {
        var refused = hosts.problem(source.host());
        if (refused.isPresent()) {
            throw new SQLException(refused.get());
        }
        String url = switch (source.kind()) {
            case MARIADB -> "jdbc:mariadb://%s:%d/%s?connectTimeout=5000&socketTimeout=120000";
            case POSTGRESQL -> "jdbc:postgresql://%s:%d/%s?connectTimeout=5&socketTimeout=120";
        };
        Properties properties = new Properties();
        properties.setProperty("user", source.username());
        properties.setProperty("password", password);
        Connection connection =
                DriverManager.getConnection(url.formatted(source.host(), source.port(), source.database()), properties);
        try {
            connection.setReadOnly(true);
            return new Session(connection, source.kind(), catalog(connection, source.kind()));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The source's tables by upper-case name, whatever case its catalog uses. */
    private static Map<String, Table> catalog(Connection source, Kind kind) throws SQLException {
        String sql = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                + (kind == Kind.MARIADB ? "DATABASE()" : "current_schema()");
        Map<String, Table> tables = new HashMap<>();
        try (Statement statement = source.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                tables.computeIfAbsent(name.toUpperCase(Locale.ROOT), key -> new Table(name, new LinkedHashSet<>()))
                        .columns()
                        .add(rs.getString(2).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** An open connection to one source, with its catalog. */
    static final class Session implements AutoCloseable {

        private interface RowReader {
            void read(ResultSet rs) throws SQLException;
        }

        private final Connection connection;
        private final Kind kind;
        private final Map<String, Table> catalog;
        private final JsonMapper json = JsonMapper.builder().build();

        private Session(Connection connection, Kind kind, Map<String, Table> catalog) {
            this.connection = connection;
            this.kind = kind;
            this.catalog = catalog;
        }

        /** The table of that name whatever its case, or null. */
        Table table(String name) {
            return catalog.get(name.toUpperCase(Locale.ROOT));
        }

        long count(Table table) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table.name()))) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** The source's lines, from PRODUCTION_LINE (which must exist). */
        List<SourceStructure.Line> lines() throws SQLException {
            Table table = table("PRODUCTION_LINE");
            boolean coded = table.columns().contains("line_code");
            List<SourceStructure.Line> lines = new ArrayList<>();
            select(
                    table,
                    rs -> lines.add(new SourceStructure.Line(
                            rs.getLong("line_id"),
                            coded && rs.getString("line_code") != null
                                    ? rs.getString("line_code").strip()
                                    : String.valueOf(rs.getLong("line_id")),
                            trimmed(rs.getString("line_name")),
                            rs.getBoolean("is_active"))));
            return lines;
        }

        /** The whole structure; the five tables must exist with their required columns. */
        SourceStructure structure() throws SQLException {
            List<SourceStructure.Area> areas = new ArrayList<>();
            select(
                    table("AREA"),
                    rs -> areas.add(new SourceStructure.Area(
                            rs.getLong("area_id"),
                            rs.getLong("line_id"),
                            trimmed(rs.getString("area_name")),
                            trimmed(rs.getString("area_type")))));
            Table productTable = table("PRODUCT");
            String cycleColumn = productTable.columns().contains("ideal_cycle_time")
                    ? "ideal_cycle_time"
                    : productTable.columns().contains("ideal_cycle_seconds") ? "ideal_cycle_seconds" : null;
            List<SourceStructure.Product> products = new ArrayList<>();
            select(
                    productTable,
                    rs -> products.add(new SourceStructure.Product(
                            rs.getLong("product_id"),
                            trimmed(rs.getString("product_code")),
                            trimmed(rs.getString("product_name")),
                            cycleColumn == null ? null : rs.getBigDecimal(cycleColumn))));
            List<SourceStructure.Shift> shifts = new ArrayList<>();
            select(
                    table("SHIFT"),
                    rs -> shifts.add(new SourceStructure.Shift(
                            trimmed(rs.getString("shift_name")),
                            time(rs.getString("start_time")),
                            time(rs.getString("end_time")))));
            boolean additional = table("FILTER").columns().contains("additional_filter");
            List<SourceStructure.Filter> filters = new ArrayList<>();
            select(
                    table("FILTER"),
                    rs -> filters.add(new SourceStructure.Filter(
                            trimmed(rs.getString("filter_name")),
                            rs.getBoolean("filter_status"),
                            json(rs.getString("default_value")),
                            additional ? json(rs.getString("additional_filter")) : null)));
            return new SourceStructure(lines(), areas, products, shifts, filters);
        }

        /**
         * Up to {@code limit} detections after {@code afterId}, by id; a time without zone is the
         * plant's local time ({@code zone}).
         */
        List<Detection> detectionsAfter(Table table, long afterId, int limit, ZoneId zone) throws SQLException {
            boolean flagged = table.columns().contains("rejected");
            String sql = "SELECT detection_id, detected_at, area_id, product_id" + (flagged ? ", rejected" : "")
                    + " FROM " + quote(table.name()) + " WHERE detection_id > ? ORDER BY detection_id LIMIT " + limit;
            List<Detection> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, afterId);
                try (ResultSet rs = select.executeQuery()) {
                    boolean zoned = rs.getMetaData().getColumnType(2) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE
                            || "timestamptz".equalsIgnoreCase(rs.getMetaData().getColumnTypeName(2));
                    while (rs.next()) {
                        Instant at = zoned
                                ? rs.getObject(2, OffsetDateTime.class).toInstant()
                                : rs.getObject(2, LocalDateTime.class)
                                        .atZone(zone)
                                        .toInstant();
                        rows.add(new Detection(
                                rs.getLong(1), at, rs.getLong(3), rs.getLong(4), flagged ? rs.getBoolean(5) : null));
                    }
                }
            }
            return rows;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }

        private void select(Table table, RowReader reader) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT * FROM " + quote(table.name()))) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }

        private String quote(String identifier) {
            return kind == Kind.MARIADB
                    ? "`" + identifier.replace("`", "``") + "`"
                    : "\"" + identifier.replace("\"", "\"\"") + "\"";
        }

        private JsonNode json(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return json.readTree(text);
            } catch (RuntimeException notJson) {
                return json.getNodeFactory().stringNode(text);
            }
        }
    }

    private static LocalTime time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(
                    text.strip().length() == 5 ? text.strip() : text.strip().substring(0, 8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
