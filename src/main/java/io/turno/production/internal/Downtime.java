package io.turno.production.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
            @Schema(description = "null for the ongoing stop, which is not recorded until it ends") @Nullable
            UUID id,

            UUID lineId,
            Instant startedAt,

            @Schema(description = "null while the stop goes on") @Nullable
            Instant endedAt,

            @Schema(description = "up to now while the stop goes on")
            long durationSeconds,

            @Nullable String reason,

            @Schema(
                    description =
                            "the line is stopped now: no detection at its OUTPUT areas for longer than its threshold, during planned time")
            boolean ongoing) {}

    private final JdbcDowntime downtime;
    private final PlantCache cache;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Duration firstLookback;
    private final Clock clock = Clock.systemUTC();

    /** How far back an ongoing stop is followed: a longer one shows as starting then. */
    private static final Duration ONGOING_LOOKBACK = Duration.ofDays(7);

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
        for (PlannedTime.Occurrence occurrence :
                PlannedTime.occurrences(plant.shiftsOf(line.id()), plant.zone(), from, to)) {
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
                    Event event = new Event(id, line.id(), gap.start(), gap.end(), gap.seconds(), null, false);
                    found.add(event);
                    events.publishEvent(new DowntimeDetected(
                            tenant, id, line.id(), line.code(), gap.start(), gap.end(), gap.seconds()));
                }
            }
        }
        return found;
    }

    /**
     * The line's downtime events overlapping [from, to), by start; the stop going on now, when the
     * range reaches it, comes last (it starts after every recorded one ends).
     */
    @Transactional(readOnly = true)
    public PageResult<Event> events(TenantId tenant, UUID lineId, Instant from, Instant to, int page, int size) {
        long recorded = downtime.count(tenant, lineId, from, to);
        List<Event> items = new ArrayList<>(downtime.page(tenant, lineId, from, to, page, size));
        Instant now = clock.instant();
        Optional<Event> ongoing =
                ongoing(tenant, lineId, now).filter(stop -> stop.startedAt().isBefore(to) && now.isAfter(from));
        if (ongoing.isPresent() && recorded >= (long) page * size && recorded < (long) (page + 1) * size) {
            items.add(ongoing.get());
        }
        return new PageResult<>(items, page, size, recorded + (ongoing.isPresent() ? 1 : 0));
    }

    /**
     * As {@link #events}, newest first, for the plant's stops page: the stop going on now, when the range
     * reaches it, opens the first page, then the recorded ones by start, latest first.
     */
    @Transactional(readOnly = true)
    public PageResult<Event> newestFirst(TenantId tenant, UUID lineId, Instant from, Instant to, int page, int size) {
        long recorded = downtime.count(tenant, lineId, from, to);
        Instant now = clock.instant();
        Optional<Event> ongoing =
                ongoing(tenant, lineId, now).filter(stop -> stop.startedAt().isBefore(to) && now.isAfter(from));
        int shift = ongoing.isPresent() ? 1 : 0;
        long first = (long) page * size;
        List<Event> items = new ArrayList<>();
        if (page == 0) {
            ongoing.ifPresent(items::add);
        }
        items.addAll(downtime.newest(tenant, lineId, from, to, Math.max(0, first - shift), size - items.size()));
        return new PageResult<>(items, page, size, recorded + shift);
    }

    /**
     * The stop going on at {@code now}, not recorded until it ends: during planned time, the line's
     * OUTPUT areas have detected nothing for longer than its threshold, since their last detection
     * or since planned time (or its piece after a break) began.
     */
    @Transactional(readOnly = true)
    public Optional<Event> ongoing(TenantId tenant, UUID lineId, Instant now) {
        PlantCache.Snapshot plant = cache.of(tenant);
        Plant.Line line = plant.linesById().get(lineId);
        List<UUID> outputs = line == null ? List.of() : plant.outputAreas(lineId);
        if (line == null || !line.active() || outputs.isEmpty()) {
            return Optional.empty();
        }
        Instant since = now.minus(ONGOING_LOOKBACK);
        List<Interval> planned = new ArrayList<>();
        for (PlannedTime.Occurrence occurrence :
                PlannedTime.occurrences(plant.shiftsOf(lineId), plant.zone(), since, now)) {
            planned.addAll(occurrence.pieces());
        }
        return PlannedTime.merge(planned).stream()
                .filter(piece -> !piece.start().isAfter(now) && piece.end().isAfter(now))
                .findFirst()
                .map(piece -> {
                    Instant start = piece.start().isBefore(since) ? since : piece.start();
                    // Up to a while after now: a clock a little ahead at the line is no stop.
                    return downtime.lastDetection(tenant, lineId, outputs, start, now.plus(Duration.ofHours(1)))
                            .orElse(start);
                })
                .filter(start -> Duration.between(start, now).toSeconds() > line.downtimeThresholdSeconds())
                .map(start -> new Event(
                        null, lineId, start, null, Duration.between(start, now).toSeconds(), null, true));
    }

    /**
     * Late detections at a line's OUTPUT areas inside a recorded stop split it: the stop is replaced by
     * the gaps longer than the threshold that are left between its ends and those detections (none
     * when they fill it). The piece that keeps the stop's start keeps its id; every piece keeps its
     * reason. No {@link DowntimeDetected} is published again: the stop was already announced. Audited.
     * Called in the ingest's transaction, with the rows just stored.
     */
    void split(TenantId tenant, PlantCache.Snapshot plant, Map<UUID, List<Instant>> outputDetectionsByLine) {
        outputDetectionsByLine.forEach((lineId, times) -> {
            Plant.Line line = plant.linesById().get(lineId);
            List<UUID> outputs = plant.outputAreas(lineId);
            if (line == null || outputs.isEmpty() || times.isEmpty()) {
                return;
            }
            TreeSet<Instant> sorted = new TreeSet<>(times);
            for (Event stop : downtime.all(
                    tenant, List.of(lineId), sorted.first(), sorted.last().plusMillis(1))) {
                Instant next = sorted.higher(stop.startedAt());
                if (next != null && next.isBefore(stop.endedAt())) {
                    splitOne(tenant, line, outputs, stop);
                }
            }
        });
    }

    private void splitOne(TenantId tenant, Plant.Line line, List<UUID> outputs, Event stop) {
        List<Interval> pieces = downtime.gaps(
                tenant, line.id(), outputs, stop.startedAt(), stop.endedAt(), true, line.downtimeThresholdSeconds());
        downtime.delete(tenant, stop.id());
        List<Map<String, String>> after = new ArrayList<>();
        for (Interval piece : pieces) {
            UUID id = piece.start().equals(stop.startedAt()) ? stop.id() : UUID.randomUUID();
            downtime.insert(tenant, id, line.id(), piece);
            if (stop.reason() != null) {
                downtime.explain(tenant, id, stop.reason());
            }
            after.add(Map.of(
                    "id",
                    id.toString(),
                    "started_at",
                    piece.start().toString(),
                    "ended_at",
                    piece.end().toString()));
        }
        audit.record(new AuditEntry(
                tenant,
                null,
                "production-ingest",
                "UPDATE",
                "production_downtime",
                stop.id().toString(),
                AuditEntry.change(
                        Map.of(
                                "started_at",
                                stop.startedAt().toString(),
                                "ended_at",
                                stop.endedAt().toString()),
                        Map.of("split_into", after))));
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
                before.id(),
                before.lineId(),
                before.startedAt(),
                before.endedAt(),
                before.durationSeconds(),
                text,
                false);
        audit.record(AuditEntry.by(
                caller,
                "UPDATE",
                "production_downtime",
                id.toString(),
                AuditEntry.change(
                        Map.of("reason", String.valueOf(before.reason())), Map.of("reason", String.valueOf(text)))));
        return after;
    }
}
