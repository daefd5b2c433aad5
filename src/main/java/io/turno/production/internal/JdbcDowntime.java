package io.turno.production.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.production.internal.Downtime.Event;
import io.turno.production.internal.PlannedTime.Interval;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The downtime events, the search's watermark per line, and the gaps between a line's detections; every statement names the tenant. */
@Repository
class JdbcDowntime {

    private final JdbcClient jdbc;

    JdbcDowntime(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to when the line has been searched, if ever. */
    Optional<Instant> checkedUntil(TenantId tenant, UUID lineId) {
        return jdbc.sql("""
                SELECT checked_until FROM production_downtime_watermarks WHERE tenant_id = :tenant AND line_id = :line""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    /** Moves the line's watermark up to {@code until}, never back. */
    void checked(TenantId tenant, UUID lineId, Instant until) {
        jdbc.sql("""
                INSERT INTO production_downtime_watermarks AS w (tenant_id, line_id, checked_until)
                VALUES (:tenant, :line, :until)
                ON CONFLICT (tenant_id, line_id) DO UPDATE SET checked_until = GREATEST(w.checked_until, EXCLUDED.checked_until)""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("until", utc(until))
                .update();
    }

    /** The last detection at the areas in [start, before), if any. */
    Optional<Instant> lastDetection(TenantId tenant, UUID lineId, List<UUID> areas, Instant start, Instant before) {
        return jdbc.sql("""
                SELECT max(detected_at) FROM production_detections
                WHERE tenant_id = :tenant AND line_id = :line AND area_id IN (:areas)
                  AND detected_at >= :start AND detected_at < :from""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("areas", areas)
                .param("start", utc(start))
                .param("from", utc(before))
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    /**
     * The gaps longer than {@code thresholdSeconds} between {@code low}, the detections at the areas
     * in [low, high) and, when {@code closed}, {@code high}; by start.
     */
    List<Interval> gaps(
            TenantId tenant,
            UUID lineId,
            List<UUID> areas,
            Instant low,
            Instant high,
            boolean closed,
            int thresholdSeconds) {
        return jdbc.sql("""
                WITH points AS (
                    SELECT detected_at AS at FROM production_detections
                    WHERE tenant_id = :tenant AND line_id = :line AND area_id IN (:areas)
                      AND detected_at >= :low AND detected_at < :high
                    UNION ALL SELECT CAST(:low AS timestamptz)
                    UNION ALL SELECT CAST(:high AS timestamptz) WHERE :closed
                ), steps AS (
                    SELECT lag(at) OVER (ORDER BY at) AS previous, at FROM points
                )
                SELECT previous, at FROM steps WHERE at - previous > make_interval(secs => :threshold) ORDER BY previous""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("areas", areas)
                .param("low", utc(low))
                .param("high", utc(high))
                .param("closed", closed)
                .param("threshold", thresholdSeconds)
                .query((rs, row) -> new Interval(instant(rs, "previous"), instant(rs, "at")))
                .list();
    }

    /** Records the event; false when the line already has one starting then. */
    boolean insert(TenantId tenant, UUID id, UUID lineId, Interval gap) {
        return jdbc.sql("""
                INSERT INTO production_downtime_events (id, tenant_id, line_id, started_at, ended_at)
                VALUES (:id, :tenant, :line, :start, :end)
                ON CONFLICT (tenant_id, line_id, started_at) DO NOTHING""")
                        .param("id", id)
                        .param("tenant", tenant.value())
                        .param("line", lineId)
                        .param("start", utc(gap.start()))
                        .param("end", utc(gap.end()))
                        .update()
                == 1;
    }

    long count(TenantId tenant, UUID lineId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT count(*) FROM production_downtime_events
                WHERE tenant_id = :tenant AND line_id = :line AND started_at < :to AND ended_at > :from""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("from", utc(from))
                .param("to", utc(to))
                .query(Long.class)
                .single();
    }

    /** The line's events overlapping [from, to), by start, a page of them. */
    List<Event> page(TenantId tenant, UUID lineId, Instant from, Instant to, int page, int size) {
        return jdbc.sql("""
                SELECT * FROM production_downtime_events
                WHERE tenant_id = :tenant AND line_id = :line AND started_at < :to AND ended_at > :from
                ORDER BY started_at LIMIT :limit OFFSET :offset""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(JdbcDowntime::event)
                .list();
    }

    /** The line's events overlapping [from, to), newest first, {@code limit} of them from {@code offset}. */
    List<Event> newest(TenantId tenant, UUID lineId, Instant from, Instant to, long offset, int limit) {
        return jdbc.sql("""
                SELECT * FROM production_downtime_events
                WHERE tenant_id = :tenant AND line_id = :line AND started_at < :to AND ended_at > :from
                ORDER BY started_at DESC LIMIT :limit OFFSET :offset""")
                .param("tenant", tenant.value())
                .param("line", lineId)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("limit", limit)
                .param("offset", offset)
                .query(JdbcDowntime::event)
                .list();
    }

    /** Every event of the lines overlapping [from, to), by start. */
    List<Event> all(TenantId tenant, List<UUID> lineIds, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT * FROM production_downtime_events
                WHERE tenant_id = :tenant AND line_id IN (:lines) AND started_at < :to AND ended_at > :from
                ORDER BY started_at""")
                .param("tenant", tenant.value())
                .param("lines", lineIds)
                .param("from", utc(from))
                .param("to", utc(to))
                .query(JdbcDowntime::event)
                .list();
    }

    /** The event, locked until the transaction ends. */
    Optional<Event> lock(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM production_downtime_events WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(JdbcDowntime::event)
                .optional();
    }

    void delete(TenantId tenant, UUID id) {
        jdbc.sql("DELETE FROM production_downtime_events WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    void explain(TenantId tenant, UUID id, String reason) {
        jdbc.sql(
                        "UPDATE production_downtime_events SET reason = :reason, updated_at = now() WHERE tenant_id = :tenant AND id = :id")
                .param("reason", reason)
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    private static Event event(ResultSet rs, int row) throws SQLException {
        Instant start = instant(rs, "started_at");
        Instant end = instant(rs, "ended_at");
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getObject("line_id", UUID.class),
                start,
                end,
                Duration.between(start, end).toSeconds(),
                rs.getString("reason"),
                false);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
