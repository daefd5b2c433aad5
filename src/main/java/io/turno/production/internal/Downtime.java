package io.turno.production.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.production.DowntimeDetected;
import io.turno.production.internal.PlannedTime.Interval;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
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

    @Schema(name = "DowntimeEvent")
    public record Event(
            UUID id,
            UUID lineId,
            Instant startedAt,
            @Nullable Instant endedAt,
            long durationSeconds,
            @Nullable String reason) {}

    private final JdbcDowntime downtime;
    private final PlantCache cache;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Duration firstLookback;

    Downtime(
            JdbcDowntime downtime,
            PlantCache cache,
            ApplicationEventPublisher events,
            AuditLog audit,
            @Value("${turno.production.downtime.first-lookback:P1D}") Duration firstLookback) {
        this.downtime = downtime;
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
            Instant from = downtime.checkedUntil(tenant, line.id()).orElse(until.minus(firstLookback));
            if (from.isBefore(until)) {
                found.addAll(detect(plant, tenant, line, from, until));
            }
            downtime.checked(tenant, line.id(), until);
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
            Instant low = from.isAfter(piece.start())
                    ? downtime.lastDetection(tenant, line.id(), outputs, piece.start(), from)
                            .orElse(piece.start())
                    : piece.start();
            boolean closed = !piece.end().isAfter(to);
            Instant high = closed ? piece.end() : to;
            for (Interval gap :
                    downtime.gaps(tenant, line.id(), outputs, low, high, closed, line.downtimeThresholdSeconds())) {
                UUID id = UUID.randomUUID();
                if (downtime.insert(tenant, id, line.id(), gap)) {
                    Event event = new Event(id, line.id(), gap.start(), gap.end(), gap.seconds(), null);
                    found.add(event);
                    events.publishEvent(new DowntimeDetected(
                            tenant, id, line.id(), line.code(), gap.start(), gap.end(), gap.seconds()));
                }
            }
        }
        return found;
    }

    /** The line's downtime events overlapping [from, to), by start. */
    @Transactional(readOnly = true)
    public PageResult<Event> events(TenantId tenant, UUID lineId, Instant from, Instant to, int page, int size) {
        long total = downtime.count(tenant, lineId, from, to);
        return new PageResult<>(downtime.page(tenant, lineId, from, to, page, size), page, size, total);
    }

    /** Every downtime event of the lines overlapping [from, to): for the KPIs, which cut them to the range. */
    List<Event> all(TenantId tenant, List<UUID> lineIds, Instant from, Instant to) {
        return downtime.all(tenant, lineIds, from, to);
    }

    /** An operator says why the line stopped (blank clears it); audited. */
    @Transactional
    public Event explain(Actor caller, UUID id, String reason) {
        Event before = downtime.lock(caller.tenantId(), id).orElseThrow(() -> new NotFound("Parada", id));
        String text = reason == null || reason.isBlank() ? null : reason.strip();
        downtime.explain(caller.tenantId(), id, text);
        Event after = new Event(
                before.id(), before.lineId(), before.startedAt(), before.endedAt(), before.durationSeconds(), text);
        audit.record(new AuditEntry(
                caller.tenantId(),
                caller.userId(),
                caller.username(),
                "UPDATE",
                "production_downtime",
                id.toString(),
                AuditEntry.change(
                        Map.of("reason", String.valueOf(before.reason())), Map.of("reason", String.valueOf(text)))));
        return after;
    }
}
