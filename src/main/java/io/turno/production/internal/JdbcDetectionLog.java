package io.turno.production.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Collectors;

import io.turno.production.DetectionLog;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The detections a page of {@value #PAGE} at a time, by keyset: each line's rows by (time, ctid) over
 * its (tenant, line, time) index, so every page starts where the last one ended instead of counting
 * an offset, and no connection is held between pages (the reader may be slow, or stop). Detections
 * are only inserted and dropped by partition, and rows of one instant share a partition, so
 * (time, ctid) orders them for the length of an export.
 */
@Repository
class JdbcDetectionLog implements DetectionLog {

    static final int PAGE = 5_000;

    private final JdbcClient jdbc;

    JdbcDetectionLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long count(TenantId tenant, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) FROM production_detections
                        WHERE tenant_id = :tenant AND detected_at >= :from AND detected_at < :to""")
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    @Override
    public Iterable<Detection> between(TenantId tenant, Instant from, Instant to) {
        return () -> new Pages(tenant, from, to);
    }

    private record Key(Instant at, String ctid) {}

    private record Fetched(Detection detection, Key key) {}

    private final class Pages implements Iterator<Detection> {

        private final TenantId tenant;
        private final Instant from;
        private final Instant to;
        private Iterator<Map.Entry<UUID, String>> lines;
        private Map<UUID, String> products;
        private UUID line;
        private String lineCode;
        private Key after;
        private boolean lineDone = true;
        private Iterator<Fetched> page = Collections.emptyIterator();

        Pages(TenantId tenant, Instant from, Instant to) {
            this.tenant = tenant;
            this.from = from;
            this.to = to;
        }

        @Override
        public boolean hasNext() {
            if (lines == null) {
                lines = codes("SELECT id, code FROM production_lines WHERE tenant_id = :tenant ORDER BY code")
                        .entrySet()
                        .iterator();
                products = codes("SELECT id, code FROM production_products WHERE tenant_id = :tenant");
            }
            while (!page.hasNext()) {
                if (lineDone) {
                    if (!lines.hasNext()) {
                        return false;
                    }
                    var next = lines.next();
                    line = next.getKey();
                    lineCode = next.getValue();
                    after = new Key(from, "(0,0)");
                }
                List<Fetched> rows = page();
                lineDone = rows.size() < PAGE;
                if (!rows.isEmpty()) {
                    after = rows.getLast().key();
                }
                page = rows.iterator();
            }
            return true;
        }

        @Override
        public Detection next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next().detection();
        }

        private List<Fetched> page() {
            // detected_at >= :after beside the row comparison lets the planner start the index scan there.
            return jdbc.sql("""
                            SELECT detected_at, product_id, rejected, source_id, ctid::text AS row_id
                            FROM production_detections
                            WHERE tenant_id = :tenant AND line_id = :line
                              AND detected_at >= :after AND detected_at < :to
                              AND (detected_at, ctid) > (:after, CAST(:ctid AS tid))
                            ORDER BY detected_at, ctid
                            LIMIT :limit""")
                    .param("tenant", tenant.value())
                    .param("line", line)
                    .param("after", Timestamp.from(after.at()))
                    .param("ctid", after.ctid())
                    .param("to", Timestamp.from(to))
                    .param("limit", PAGE)
                    .query((rs, n) -> {
                        Instant at = rs.getTimestamp("detected_at").toInstant();
                        return new Fetched(
                                new Detection(
                                        at,
                                        lineCode,
                                        products.get(rs.getObject("product_id", UUID.class)),
                                        rs.getBoolean("rejected"),
                                        rs.getString("source_id")),
                                new Key(at, rs.getString("row_id")));
                    })
                    .list();
        }

        private Map<UUID, String> codes(String sql) {
            return jdbc
                    .sql(sql)
                    .param("tenant", tenant.value())
                    .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("code")))
                    .list()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
        }
    }
}
