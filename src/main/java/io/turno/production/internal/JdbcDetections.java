package io.turno.production.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The detections, their source ids, the per-minute and per-hour rollups and the monthly partitions.
 * Rows go in as arrays unnested by PostgreSQL, up to {@value #CHUNK} a statement.
 */
@Repository
class JdbcDetections {

    private static final int CHUNK = 10_000;

    /** A detection to store. */
    record Row(UUID line, UUID area, UUID product, Instant at, boolean rejected, String sourceId) {}

    /** Detections counted for one line, area and product in one minute or hour ({@code at}). */
    record Count(UUID line, UUID area, UUID product, Instant at, long total, long rejected) {

        /** The same key's counts added up. */
        Count plus(Count other) {
            return new Count(line, area, product, at, total + other.total, rejected + other.rejected);
        }
    }

    private final JdbcTemplate jdbc;

    JdbcDetections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the month's partition where missing; true when it did. */
    boolean ensurePartition(LocalDate month) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT production_ensure_partition(?)", Boolean.class, month));
    }

    /** Drops the partitions of the months before {@code cutoff}; answers their names. */
    List<String> dropPartitionsBefore(LocalDate cutoff) {
        return jdbc.queryForList("SELECT production_drop_partitions(?)", String.class, cutoff);
    }

    /** Records the source ids new to the tenant; answers those (the others were stored before). */
    Set<String> claimSources(TenantId tenant, List<String> sources) {
        Set<String> claimed = new HashSet<>();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO production_detection_sources (tenant_id, source_id)
                    SELECT ?, s FROM unnest(?::text[]) AS s
                    ON CONFLICT DO NOTHING RETURNING source_id""")) {
                for (int from = 0; from < sources.size(); from += CHUNK) {
                    List<String> chunk = sources.subList(from, Math.min(sources.size(), from + CHUNK));
                    insert.setObject(1, tenant.value());
                    insert.setArray(2, connection.createArrayOf("text", chunk.toArray()));
                    try (ResultSet rs = insert.executeQuery()) {
                        while (rs.next()) {
                            claimed.add(rs.getString(1));
                        }
                    }
                }
            }
            return null;
        });
        return claimed;
    }

    void store(TenantId tenant, List<Row> rows) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO production_detections (tenant_id, line_id, area_id, product_id, detected_at, rejected, source_id)
                    SELECT ?, l, a, p, CAST(t AS timestamptz), r, s
                    FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::boolean[], ?::text[]) AS d (l, a, p, t, r, s)""")) {
                for (int from = 0; from < rows.size(); from += CHUNK) {
                    List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
                    int n = chunk.size();
                    UUID[] lines = new UUID[n];
                    UUID[] areas = new UUID[n];
                    UUID[] products = new UUID[n];
                    String[] times = new String[n];
                    Boolean[] rejected = new Boolean[n];
                    String[] sources = new String[n];
                    for (int i = 0; i < n; i++) {
                        Row row = chunk.get(i);
                        lines[i] = row.line();
                        areas[i] = row.area();
                        products[i] = row.product();
                        times[i] = row.at().toString();
                        rejected[i] = row.rejected();
                        sources[i] = row.sourceId();
                    }
                    insert.setObject(1, tenant.value());
                    bind(connection, insert, 2, "uuid", lines);
                    bind(connection, insert, 3, "uuid", areas);
                    bind(connection, insert, 4, "uuid", products);
                    bind(connection, insert, 5, "text", times);
                    bind(connection, insert, 6, "bool", rejected);
                    bind(connection, insert, 7, "text", sources);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * One run of generated output: the minutes [{@code from}, {@code to}) of a line's area making one product.
     * In each minute one unit (at :05), in about {@code doublesPerTen} minutes of ten a second one (at :35), each
     * rejected with a chance of {@code rejectsPerMille} per thousand.
     */
    record GeneratedRun(
            UUID line,
            UUID area,
            UUID product,
            String lineCode,
            Instant from,
            Instant to,
            int doublesPerTen,
            int rejectsPerMille) {}

    /**
     * Stores generated detections (the demo plant's) in one statement: PostgreSQL expands the runs into rows
     * ({@code generate_series}), claims their source ids ({@code demo-<line>-<epoch second>}, so a second call
     * stores nothing twice) and adds what it stored to the minute and hour rollups, as the ingest does. Which
     * minutes get a second unit and which units are rejected is a hash of the line and the time, so the figures
     * repeat from one start to the next. The months' partitions must exist. Answers the detections stored.
     */
    int storeGenerated(TenantId tenant, List<GeneratedRun> runs) {
        if (runs.isEmpty()) {
            return 0;
        }
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    WITH minutes AS (
                        SELECT r.l, r.a, r.p, r.code, r.doubles, r.rejects, CAST(extract(epoch FROM m) AS bigint) AS epoch
                        FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[])
                             AS r (l, a, p, code, f, t, doubles, rejects)
                        CROSS JOIN LATERAL generate_series(CAST(r.f AS timestamptz), CAST(r.t AS timestamptz) - INTERVAL '1 minute',
                                                           INTERVAL '1 minute') AS m
                    ), generated AS MATERIALIZED (
                        SELECT m.l, m.a, m.p, to_timestamp(m.epoch + u * 30 + 5) AS at,
                               abs(hashint8extended(m.epoch * 3 + u, hashtext(m.code)) % 1000) < m.rejects AS rejected,
                               'demo-' || m.code || '-' || (m.epoch + u * 30 + 5) AS source_id
                        FROM minutes m
                        CROSS JOIN LATERAL generate_series(0, CASE WHEN abs(hashint8extended(m.epoch, hashtext(m.code)) % 10)
                                                                       < m.doubles THEN 1 ELSE 0 END) AS u
                    ), claimed AS (
                        INSERT INTO production_detection_sources (tenant_id, source_id)
                        SELECT CAST(? AS uuid), source_id FROM generated
                        ON CONFLICT DO NOTHING RETURNING source_id
                    ), stored AS (
                        INSERT INTO production_detections (tenant_id, line_id, area_id, product_id, detected_at, rejected, source_id)
                        SELECT CAST(? AS uuid), g.l, g.a, g.p, g.at, g.rejected, g.source_id
                        FROM generated g JOIN claimed c USING (source_id)
                        RETURNING tenant_id, line_id, area_id, product_id, detected_at, rejected
                    ), minute_rollups AS (
                        INSERT INTO production_minute_rollups AS r (tenant_id, line_id, area_id, product_id, minute, total, rejected)
                        SELECT tenant_id, line_id, area_id, product_id, date_trunc('minute', detected_at, 'UTC'),
                               count(*), count(*) FILTER (WHERE rejected)
                        FROM stored GROUP BY 1, 2, 3, 4, 5
                        ON CONFLICT (tenant_id, line_id, minute, area_id, product_id)
                        DO UPDATE SET total = r.total + EXCLUDED.total, rejected = r.rejected + EXCLUDED.rejected
                        RETURNING 1
                    ), hour_rollups AS (
                        INSERT INTO production_hour_rollups AS r (tenant_id, line_id, area_id, product_id, hour, total, rejected)
                        SELECT tenant_id, line_id, area_id, product_id, date_trunc('hour', detected_at, 'UTC'),
                               count(*), count(*) FILTER (WHERE rejected)
                        FROM stored GROUP BY 1, 2, 3, 4, 5
                        ON CONFLICT (tenant_id, line_id, hour, area_id, product_id)
                        DO UPDATE SET total = r.total + EXCLUDED.total, rejected = r.rejected + EXCLUDED.rejected
                        RETURNING 1
                    )
                    SELECT (SELECT count(*) FROM stored), (SELECT count(*) FROM minute_rollups), (SELECT count(*) FROM hour_rollups)""")) {
                int n = runs.size();
                UUID[] lines = new UUID[n];
                UUID[] areas = new UUID[n];
                UUID[] products = new UUID[n];
                String[] codes = new String[n];
                String[] froms = new String[n];
                String[] tos = new String[n];
                Integer[] doubles = new Integer[n];
                Integer[] rejects = new Integer[n];
                for (int i = 0; i < n; i++) {
                    GeneratedRun run = runs.get(i);
                    lines[i] = run.line();
                    areas[i] = run.area();
                    products[i] = run.product();
                    codes[i] = run.lineCode();
                    froms[i] = run.from().toString();
                    tos[i] = run.to().toString();
                    doubles[i] = run.doublesPerTen();
                    rejects[i] = run.rejectsPerMille();
                }
                bind(connection, insert, 1, "uuid", lines);
                bind(connection, insert, 2, "uuid", areas);
                bind(connection, insert, 3, "uuid", products);
                bind(connection, insert, 4, "text", codes);
                bind(connection, insert, 5, "text", froms);
                bind(connection, insert, 6, "text", tos);
                bind(connection, insert, 7, "int4", doubles);
                bind(connection, insert, 8, "int4", rejects);
                insert.setObject(9, tenant.value());
                insert.setObject(10, tenant.value());
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    void addToMinuteRollups(TenantId tenant, List<Count> counts) {
        upsert(tenant, "production_minute_rollups", "minute", counts);
    }

    void addToHourRollups(TenantId tenant, List<Count> counts) {
        upsert(tenant, "production_hour_rollups", "hour", counts);
    }

    private void upsert(TenantId tenant, String table, String column, List<Count> counts) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO %1$s AS r (tenant_id, line_id, area_id, product_id, %2$s, total, rejected)
                    SELECT ?, l, a, p, CAST(m AS timestamptz), t, x
                    FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::bigint[], ?::bigint[]) AS u (l, a, p, m, t, x)
                    ON CONFLICT (tenant_id, line_id, %2$s, area_id, product_id)
                    DO UPDATE SET total = r.total + EXCLUDED.total, rejected = r.rejected + EXCLUDED.rejected""".formatted(table, column))) {
                for (int from = 0; from < counts.size(); from += CHUNK) {
                    List<Count> chunk = counts.subList(from, Math.min(counts.size(), from + CHUNK));
                    int n = chunk.size();
                    UUID[] lines = new UUID[n];
                    UUID[] areas = new UUID[n];
                    UUID[] products = new UUID[n];
                    String[] minutes = new String[n];
                    Long[] totals = new Long[n];
                    Long[] rejected = new Long[n];
                    for (int i = 0; i < n; i++) {
                        Count count = chunk.get(i);
                        lines[i] = count.line();
                        areas[i] = count.area();
                        products[i] = count.product();
                        minutes[i] = count.at().toString();
                        totals[i] = count.total();
                        rejected[i] = count.rejected();
                    }
                    upsert.setObject(1, tenant.value());
                    bind(connection, upsert, 2, "uuid", lines);
                    bind(connection, upsert, 3, "uuid", areas);
                    bind(connection, upsert, 4, "uuid", products);
                    bind(connection, upsert, 5, "text", minutes);
                    bind(connection, upsert, 6, "int8", totals);
                    bind(connection, upsert, 7, "int8", rejected);
                    upsert.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void bind(
            Connection connection, PreparedStatement statement, int index, String type, Object[] values)
            throws SQLException {
        Array array = connection.createArrayOf(type, values);
        statement.setArray(index, array);
    }
}
