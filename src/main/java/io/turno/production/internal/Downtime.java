package io.turno.production.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.production.DowntimeDetected;
import io.turno.production.internal.PlannedTime.Interval;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Downtime: gaps at a line's OUTPUT area longer than its threshold during planned time, from the
 * start of planned time to the first detection, between detections, and from the last one to the
 * end of planned time (a break ends one piece of planned time and starts the next). Only ended gaps
 * are recorded; an event is named by its line and start, so overlapping runs record nothing twice,
 * and a watermark per line lets the job search only what is new.
 */
@Service
public class Downtime {

    public record Event(UUID id, UUID lineId, Instant startedAt, Instant endedAt, long durationSeconds, String reason) {
    }

    private final JdbcClient jdbc;
    private final PlantCache cache;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Duration firstLookback;

    Downtime(JdbcClient jdbc, PlantCache cache, ApplicationEventPublisher events, AuditLog audit,
             @Value("${turno.production.downtime.first-lookback:P1D}") Duration firstLookback) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.events = events;
        this.audit = audit;
        this.firstLookback = firstLookback;
    }

    /**
     * Searches every active line of the tenant from its watermark (or {@code first-lookback} before
     * {@code until}) up to {@code until}; answers the events recorded. Call in the tenant's scope.
     */
    @Transactional
    public List<Event> detectUpTo(TenantId tenant, Instant until) {
        PlantCache.Snapshot plant = cache.of(tenant);
        List<Event> found = new ArrayList<>();
        for (Plant.Line line : plant.linesById().values()) {
            if (!line.active()) {
                continue;
            }
            Instant from = jdbc.sql("""
                    SELECT checked_until FROM production_downtime_watermarks WHERE tenant_id = :tenant AND line_id = :line""")
                    .param("tenant", tenant.value()).param("line", line.id()).query(OffsetDateTime.class).optional()
                    .map(OffsetDateTime::toInstant).orElse(until.minus(firstLookback));
            if (from.isBefore(until)) {
                found.addAll(detect(plant, tenant, line, from, until));
            }
            jdbc.sql("""
                    INSERT INTO production_downtime_watermarks AS w (tenant_id, line_id, checked_until)
                    VALUES (:tenant, :line, :until)
                    ON CONFLICT (tenant_id, line_id) DO UPDATE SET checked_until = GREATEST(w.checked_until, EXCLUDED.checked_until)""")
                    .param("tenant", tenant.value()).param("line", line.id()).param("until", utc(until)).update();
        }
        return found;
    }

    /** Searches one line over [from, to) whatever its watermark; answers the events newly recorded. */
    @Transactional
    public List<Event> detect(TenantId tenant, UUID lineId, Instant from, Instant to) {
        PlantCache.Snapshot plant = cache.of(tenant);
        Plant.Line line = plant.linesById().get(lineId);
        if (line == null) {
            throw new NotFound("Línea", lineId);
        }
        return detect(plant, tenant, line, from, to);
    }

    private List<Event> detect(PlantCache.Snapshot plant, TenantId tenant, Plant.Line line, Instant from, Instant to) {
        List<UUID> outputs = plant.outputAreas(line.id());
        if (outputs.isEmpty()) {
            return List.of();
        }
        List<Interval> planned = new ArrayList<>();
        for (PlannedTime.Occurrence occurrence : PlannedTime.occurrences(plant.shifts(), plant.zone(), from, to)) {
            planned.addAll(occurrence.pieces());
        }
        List<Event> found = new ArrayList<>();
        for (Interval piece : PlannedTime.merge(planned)) {
            if (!piece.overlaps(from, to)) {
                continue;
            }
            // The gap open at `from` starts at the piece's last detection before it, or at the piece's start.
            Instant low = piece.start();
            if (from.isAfter(piece.start())) {
                low = jdbc.sql("""
                        SELECT max(detected_at) FROM production_detections
                        WHERE tenant_id = :tenant AND line_id = :line AND area_id IN (:areas)
                          AND detected_at >= :start AND detected_at < :from""")
                        .param("tenant", tenant.value()).param("line", line.id()).param("areas", outputs)
                        .param("start", utc(piece.start())).param("from", utc(from)).query(OffsetDateTime.class)
                        .optional().map(OffsetDateTime::toInstant).orElse(piece.start());
            }
            boolean closed = !piece.end().isAfter(to);
            Instant high = closed ? piece.end() : to;
            List<Interval> gaps = jdbc.sql("""
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
                    .param("tenant", tenant.value()).param("line", line.id()).param("areas", outputs)
                    .param("low", utc(low)).param("high", utc(high)).param("closed", closed)
                    .param("threshold", line.downtimeThresholdSeconds())
                    .query((rs, row) -> new Interval(instant(rs, "previous"), instant(rs, "at"))).list();
            for (Interval gap : gaps) {
                UUID id = UUID.randomUUID();
                int stored = jdbc.sql("""
                        INSERT INTO production_downtime_events (id, tenant_id, line_id, started_at, ended_at)
                        VALUES (:id, :tenant, :line, :start, :end)
                        ON CONFLICT (tenant_id, line_id, started_at) DO NOTHING""")
                        .param("id", id).param("tenant", tenant.value()).param("line", line.id())
                        .param("start", utc(gap.start())).param("end", utc(gap.end())).update();
                if (stored == 1) {
                    Event event = new Event(id, line.id(), gap.start(), gap.end(), gap.seconds(), null);
                    found.add(event);
                    events.publishEvent(new DowntimeDetected(tenant, id, line.id(), line.code(), gap.start(), gap.end(),
                            gap.seconds()));
                }
            }
        }
        return found;
    }

    /** The line's downtime events overlapping [from, to), by start. */
    @Transactional(readOnly = true)
    public PageResult<Event> events(TenantId tenant, UUID lineId, Instant from, Instant to, int page, int size) {
        long total = jdbc.sql("""
                SELECT count(*) FROM production_downtime_events
                WHERE tenant_id = :tenant AND line_id = :line AND started_at < :to AND ended_at > :from""")
                .param("tenant", tenant.value()).param("line", lineId).param("from", utc(from)).param("to", utc(to))
                .query(Long.class).single();
        List<Event> items = jdbc.sql("""
                SELECT * FROM production_downtime_events
                WHERE tenant_id = :tenant AND line_id = :line AND started_at < :to AND ended_at > :from
                ORDER BY started_at LIMIT :limit OFFSET :offset""")
                .param("tenant", tenant.value()).param("line", lineId).param("from", utc(from)).param("to", utc(to))
                .param("limit", size).param("offset", (long) page * size).query(Downtime::event).list();
        return new PageResult<>(items, page, size, total);
    }

    /** Every downtime event of the lines overlapping [from, to): for the KPIs, which cut them to the range. */
    List<Event> all(TenantId tenant, List<UUID> lineIds, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT * FROM production_downtime_events
                WHERE tenant_id = :tenant AND line_id IN (:lines) AND started_at < :to AND ended_at > :from
                ORDER BY started_at""")
                .param("tenant", tenant.value()).param("lines", lineIds).param("from", utc(from)).param("to", utc(to))
                .query(Downtime::event).list();
    }

    /** An operator says why the line stopped (blank clears it); audited. */
    @Transactional
    public Event explain(Actor caller, UUID id, String reason) {
        Event before = jdbc.sql("SELECT * FROM production_downtime_events WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", caller.tenantId().value()).param("id", id).query(Downtime::event).optional()
                .orElseThrow(() -> new NotFound("Parada", id));
        String text = reason == null || reason.isBlank() ? null : reason.strip();
        jdbc.sql("UPDATE production_downtime_events SET reason = :reason, updated_at = now() WHERE tenant_id = :tenant AND id = :id")
                .param("reason", text).param("tenant", caller.tenantId().value()).param("id", id).update();
        Event after = new Event(before.id(), before.lineId(), before.startedAt(), before.endedAt(), before.durationSeconds(), text);
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), "UPDATE",
                "production_downtime", id.toString(), AuditEntry.change(Map.of("reason", String.valueOf(before.reason())),
                Map.of("reason", String.valueOf(text)))));
        return after;
    }

    private static Event event(ResultSet rs, int row) throws SQLException {
        Instant start = instant(rs, "started_at");
        Instant end = instant(rs, "ended_at");
        return new Event(rs.getObject("id", UUID.class), rs.getObject("line_id", UUID.class), start, end,
                Duration.between(start, end).toSeconds(), rs.getString("reason"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
