package io.turno.production.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.production.internal.PlannedTime.Interval;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The line's KPIs from the per-minute rollups (never the raw detections) and the downtime events:
 * planned time = shift time in the range minus planned breaks; run time = planned − downtime;
 * availability = run / planned; performance = Σ(ideal cycle × count at OUTPUT, per product) / run
 * (not capped: above 1 means the ideal cycle times are too slow, flagged as a warning); quality =
 * good / total at OUTPUT; OEE = A × P × Q. Counts are by whole minutes starting in the range.
 */
@Service
public class Kpis {

    static final Duration LONGEST_RANGE = Duration.ofDays(400);

    public record Summary(
            UUID lineId,
            Instant from,
            Instant to,
            @Nullable UUID shiftId,
            double plannedSeconds,
            double downtimeSeconds,
            double runSeconds,
            long total,
            long good,
            long rejected,
            @Nullable Double availability,
            @Nullable Double performance,
            @Nullable Double quality,
            @Nullable Double oee,
            boolean performanceWarning) {}

    public record Point(Instant start, Instant end, String label, long total, long good, long rejected) {}

    public record ProductShare(
            UUID productId, String code, String name, long total, long good, long rejected, double share) {}

    public record Comparison(
            UUID lineId, String code, String name, @Nullable Double value) {}

    public enum Interval {
        MINUTE,
        HOUR,
        SHIFT,
        DAY
    }

    public enum Metric {
        OEE,
        PRODUCTION,
        DOWNTIME
    }

    public static final class BadRange extends BusinessException {
        BadRange(String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }

    private record Counts(long total, long rejected, double idealSeconds) {}

    private final JdbcRollups rollups;
    private final PlantCache cache;
    private final Downtime downtime;

    Kpis(JdbcRollups rollups, PlantCache cache, Downtime downtime) {
        this.rollups = rollups;
        this.cache = cache;
        this.downtime = downtime;
    }

    @Transactional(readOnly = true)
    public Summary kpis(TenantId tenant, UUID lineId, Instant from, Instant to, UUID shiftId) {
        checkRange(from, to);
        PlantCache.Snapshot plant = cache.of(tenant);
        Plant.Line line = line(plant, lineId);
        if (shiftId != null && plant.shifts().stream().noneMatch(s -> s.id().equals(shiftId))) {
            throw new NotFound("Turno", shiftId);
        }
        // Another line's shift is known but has no time on this line: nothing planned, nothing counted.
        List<PlannedTime.Occurrence> occurrences =
                PlannedTime.occurrences(plant.shiftsOf(line.id()), plant.zone(), from, to);
        List<PlannedTime.Interval> planned = PlannedTime.planned(occurrences, shiftId, from, to);
        long plannedMillis = PlannedTime.millis(planned);
        long downMillis = 0;
        for (Downtime.Event event : downtime.all(tenant, List.of(line.id()), from, to)) {
            downMillis +=
                    PlannedTime.overlapMillis(new PlannedTime.Interval(event.startedAt(), event.endedAt()), planned);
        }
        // Production counted: the whole range, or the chosen shift's occurrences (breaks included).
        List<PlannedTime.Interval> windows = shiftId == null
                ? List.of(new PlannedTime.Interval(from, to))
                : occurrences.stream()
                        .filter(o -> o.shiftId().equals(shiftId))
                        .map(o -> o.whole().clip(from, to))
                        .filter(java.util.Objects::nonNull)
                        .toList();
        Counts counts = new Counts(0, 0, 0);
        for (PlannedTime.Interval window : windows) {
            Counts c = counts(tenant, plant, line.id(), window.start(), window.end());
            counts = new Counts(
                    counts.total() + c.total(),
                    counts.rejected() + c.rejected(),
                    counts.idealSeconds() + c.idealSeconds());
        }
        double plannedSeconds = plannedMillis / 1000.0;
        double runSeconds = Math.max(0, plannedMillis - downMillis) / 1000.0;
        long good = counts.total() - counts.rejected();
        Double availability = plannedMillis == 0 ? null : runSeconds / plannedSeconds;
        Double performance = runSeconds == 0 ? null : counts.idealSeconds() / runSeconds;
        Double quality = counts.total() == 0 ? null : (double) good / counts.total();
        Double oee = availability == null || performance == null || quality == null
                ? null
                : availability * performance * quality;
        return new Summary(
                line.id(),
                from,
                to,
                shiftId,
                plannedSeconds,
                downMillis / 1000.0,
                runSeconds,
                counts.total(),
                good,
                counts.rejected(),
                round(availability),
                round(performance),
                round(quality),
                round(oee),
                performance != null && performance > 1);
    }

    /** Production at the line's OUTPUT per interval, optionally of one product. */
    @Transactional(readOnly = true)
    public List<Point> series(
            TenantId tenant, UUID lineId, Instant from, Instant to, Interval interval, UUID productId) {
        checkRange(from, to);
        if (interval == Interval.MINUTE && Duration.between(from, to).compareTo(Duration.ofDays(7)) > 0) {
            throw new BadRange("Por minuto, el intervalo abarca hasta 7 días.");
        }
        PlantCache.Snapshot plant = cache.of(tenant);
        Plant.Line line = line(plant, lineId);
        List<UUID> outputs = plant.outputAreas(line.id());
        if (outputs.isEmpty()) {
            return List.of();
        }
        if (interval == Interval.SHIFT) {
            List<Point> points = new ArrayList<>();
            for (PlannedTime.Occurrence occurrence :
                    PlannedTime.occurrences(plant.shiftsOf(line.id()), plant.zone(), from, to)) {
                PlannedTime.Interval window = occurrence.whole().clip(from, to);
                JdbcRollups.Totals c =
                        rollups.totals(tenant, line.id(), outputs, window.start(), window.end(), productId);
                points.add(new Point(
                        window.start(),
                        window.end(),
                        occurrence.shiftName(),
                        c.total(),
                        c.total() - c.rejected(),
                        c.rejected()));
            }
            return points;
        }
        JdbcRollups.Unit unit = switch (interval) {
            case MINUTE -> JdbcRollups.Unit.MINUTE;
            case HOUR -> JdbcRollups.Unit.HOUR;
            default -> JdbcRollups.Unit.DAY;
        };
        return rollups
                .buckets(
                        tenant,
                        line.id(),
                        outputs,
                        from,
                        to,
                        productId,
                        unit,
                        plant.zone().getId())
                .stream()
                .map(bucket -> {
                    Instant start = bucket.start();
                    ZonedDateTime local = start.atZone(plant.zone());
                    Instant end = switch (interval) {
                        case MINUTE -> start.plus(1, ChronoUnit.MINUTES);
                        case HOUR -> start.plus(1, ChronoUnit.HOURS);
                        default -> local.plusDays(1).toInstant();
                    };
                    return new Point(
                            start,
                            end,
                            local.toLocalDateTime().toString(),
                            bucket.total(),
                            bucket.total() - bucket.rejected(),
                            bucket.rejected());
                })
                .toList();
    }

    /** What the line made at its OUTPUT in the range, per product, most first. */
    @Transactional(readOnly = true)
    public List<ProductShare> productMix(TenantId tenant, UUID lineId, Instant from, Instant to) {
        checkRange(from, to);
        PlantCache.Snapshot plant = cache.of(tenant);
        Plant.Line line = line(plant, lineId);
        Map<UUID, JdbcRollups.Totals> byProduct = byProduct(tenant, plant, line.id(), from, to);
        long all =
                byProduct.values().stream().mapToLong(JdbcRollups.Totals::total).sum();
        List<ProductShare> mix = new ArrayList<>();
        byProduct.forEach((id, c) -> {
            Plant.Product product = plant.productsById().get(id);
            mix.add(new ProductShare(
                    id,
                    product == null ? null : product.code(),
                    product == null ? null : product.name(),
                    c.total(),
                    c.total() - c.rejected(),
                    c.rejected(),
                    all == 0 ? 0 : round(c.total() / (double) all)));
        });
        mix.sort((a, b) -> Long.compare(b.total(), a.total()));
        return mix;
    }

    /** One metric for several lines over the same range. */
    @Transactional(readOnly = true)
    public List<Comparison> compare(TenantId tenant, List<UUID> lineIds, Instant from, Instant to, Metric metric) {
        List<Comparison> comparisons = new ArrayList<>();
        for (UUID lineId : lineIds) {
            Summary summary = kpis(tenant, lineId, from, to, null);
            Plant.Line line = cache.of(tenant).linesById().get(lineId);
            Double value = switch (metric) {
                case OEE -> summary.oee();
                case PRODUCTION -> (double) summary.total();
                case DOWNTIME -> summary.downtimeSeconds();
            };
            comparisons.add(new Comparison(lineId, line.code(), line.name(), value));
        }
        return comparisons;
    }

    private Counts counts(TenantId tenant, PlantCache.Snapshot plant, UUID lineId, Instant from, Instant to) {
        long total = 0;
        long rejected = 0;
        double ideal = 0;
        for (Map.Entry<UUID, JdbcRollups.Totals> entry :
                byProduct(tenant, plant, lineId, from, to).entrySet()) {
            Plant.Product product = plant.productsById().get(entry.getKey());
            total += entry.getValue().total();
            rejected += entry.getValue().rejected();
            if (product != null) {
                ideal += product.idealCycleSeconds().doubleValue()
                        * entry.getValue().total();
            }
        }
        return new Counts(total, rejected, ideal);
    }

    private Map<UUID, JdbcRollups.Totals> byProduct(
            TenantId tenant, PlantCache.Snapshot plant, UUID lineId, Instant from, Instant to) {
        List<UUID> outputs = plant.outputAreas(lineId);
        return outputs.isEmpty() ? Map.of() : rollups.byProduct(tenant, lineId, outputs, from, to);
    }

    private static Plant.Line line(PlantCache.Snapshot plant, UUID lineId) {
        Plant.Line line = plant.linesById().get(lineId);
        if (line == null) {
            throw new NotFound("Línea", lineId);
        }
        return line;
    }

    private static void checkRange(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new BadRange("«from» va antes de «to».");
        }
        if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw new BadRange("El intervalo abarca hasta 400 días.");
        }
    }

    private static Double round(Double value) {
        return value == null
                ? null
                : BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }
}
