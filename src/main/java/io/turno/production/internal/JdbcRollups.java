package io.turno.production.internal;

import static io.turno.production.internal.JdbcDowntime.instant;
import static io.turno.production.internal.JdbcDowntime.utc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Production counted from the per-minute and per-hour rollups (never the raw detections), at the
 * given areas of a line; every statement names the tenant. Minutes are counted when they start in
 * the range.
 */
@Repository
class JdbcRollups {

    /** Detections counted, and how many of them were rejected. */
    record Totals(long total, long rejected) {}

    /** The counts of one bucket, starting at {@code start}. */
    record Bucket(Instant start, long total, long rejected) {}

    /** How series buckets are cut: by minute, or by the plant's local hour or day. */
    enum Unit {
        MINUTE,
        HOUR,
        DAY
    }

    private final JdbcClient jdbc;

    JdbcRollups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The counts in [from, to), of one product or ({@code productId} null) all. */
    Totals totals(TenantId tenant, UUID lineId, List<UUID> areas, Instant from, Instant to, UUID productId) {
        return jdbc.sql("""
                SELECT coalesce(sum(total), 0) AS total, coalesce(sum(rejected), 0) AS rejected
                FROM production_minute_rollups
                WHERE tenant_id = :tenant AND line_id = :line AND minute >= :from AND minute < :to
                  AND area_id IN (:areas) AND (CAST(:product AS uuid) IS NULL OR product_id = CAST(:product AS uuid))""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("areas", areas)
                .param("product", productId)
                .query((rs, row) -> new Totals(rs.getLong("total"), rs.getLong("rejected")))
                .single();
    }

    /** The counts in [from, to) per {@code unit} (hours and days as the clock of {@code zone} cuts them), the empty ones left out. */
    List<Bucket> buckets(
            TenantId tenant,
            UUID lineId,
            List<UUID> areas,
            Instant from,
            Instant to,
            UUID productId,
            Unit unit,
            String zone) {
        String bucket = unit == Unit.MINUTE
                ? "minute"
                : "date_trunc('" + (unit == Unit.HOUR ? "hour" : "day") + "', minute, CAST(:zone AS text))";
        return jdbc.sql("""
                SELECT %s AS bucket, sum(total) AS total, sum(rejected) AS rejected
                FROM production_minute_rollups
                WHERE tenant_id = :tenant AND line_id = :line AND minute >= :from AND minute < :to
                  AND area_id IN (:areas) AND (CAST(:product AS uuid) IS NULL OR product_id = CAST(:product AS uuid))
                GROUP BY 1 ORDER BY 1""".formatted(bucket))
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("areas", areas)
                .param("product", productId)
                .param("zone", zone)
                .query((rs, row) -> new Bucket(instant(rs, "bucket"), rs.getLong("total"), rs.getLong("rejected")))
                .list();
    }

    /** The counts in [from, to) per product. */
    Map<UUID, Totals> byProduct(TenantId tenant, UUID lineId, List<UUID> areas, Instant from, Instant to) {
        // Whole hours from the hourly rollups, the minutes before the first and after the last from the minute ones.
        Instant firstHour = from.truncatedTo(ChronoUnit.HOURS).equals(from)
                ? from
                : from.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant lastHour = to.truncatedTo(ChronoUnit.HOURS);
        if (!firstHour.isBefore(lastHour)) {
            firstHour = to;
            lastHour = to;
        }
        Map<UUID, Totals> counts = new HashMap<>();
        jdbc.sql("""
                SELECT product_id, sum(total) AS total, sum(rejected) AS rejected FROM (
                    SELECT product_id, total, rejected FROM production_minute_rollups
                    WHERE tenant_id = :tenant AND line_id = :line AND area_id IN (:areas)
                      AND ((minute >= :from AND minute < :firstHour) OR (minute >= :lastHour AND minute < :to))
                    UNION ALL
                    SELECT product_id, total, rejected FROM production_hour_rollups
                    WHERE tenant_id = :tenant AND line_id = :line AND area_id IN (:areas)
                      AND hour >= :firstHour AND hour < :lastHour
                ) AS counted GROUP BY product_id""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("firstHour", utc(firstHour))
                .param("lastHour", utc(lastHour))
                .param("areas", areas)
                .query(rs -> {
                    counts.put(
                            rs.getObject("product_id", UUID.class),
                            new Totals(rs.getLong("total"), rs.getLong("rejected")));
                });
        return counts;
    }
}
