package io.turno.production;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * The plant's figures for dashboards and reports, the same as {@code /api/v1/production/kpis}, {@code /series},
 * {@code /product-mix}, {@code /compare} and {@code /downtime} answer: each from the per-minute rollups and the
 * downtime events, over {@code [from, to)}. A line of another tenant is not found (404).
 */
public interface PlantStatistics {

    enum Interval {
        HOUR,
        SHIFT,
        DAY
    }

    enum Metric {
        OEE,
        PRODUCTION,
        DOWNTIME
    }

    record LineRef(UUID id, String code, String name) {}

    /** Ratios from 0 to 1 (performance may exceed 1), null when their base is zero. */
    record Oee(
            Double availability,
            Double performance,
            Double quality,
            Double oee,
            long total,
            long good,
            long rejected,
            double plannedSeconds,
            double downtimeSeconds) {}

    record ProductionPoint(Instant start, String label, long total, long good, long rejected) {}

    record ProductShare(String code, String name, long total, double share) {}

    record LineValue(UUID lineId, String code, String name, Double value) {}

    record DowntimeEvent(Instant startedAt, Instant endedAt, long durationSeconds, String reason) {}

    /** An active shift or product, to choose from in a filter. */
    record Choice(UUID id, String code, String name) {}

    /**
     * One of the organization's FILTER rows (seed 002) that names a filter the dashboards know: {@code type}
     * {@code daterange}, {@code line}, {@code shift}, {@code product}, {@code branch} or {@code practitioner};
     * {@code shown} its status; {@code daysBack} the date range's default span, when given.
     */
    record FilterSetting(String type, String name, boolean shown, int position, Integer daysBack, boolean showTime) {}

    /** The active lines, by code. */
    List<LineRef> lines(TenantId tenant);

    /** The active shifts, by start, and the active products, by code. */
    List<Choice> shifts(TenantId tenant);

    List<Choice> products(TenantId tenant);

    /** The organization's FILTER rows whose {@code additional.type} is one of the known types, by position. */
    List<FilterSetting> filterSettings(TenantId tenant);

    default Oee oee(TenantId tenant, UUID lineId, Instant from, Instant to) {
        return oee(tenant, lineId, from, to, null);
    }

    /** With {@code shiftId}: in that shift's occurrences only, as {@code /kpis?shift_id=} answers. */
    Oee oee(TenantId tenant, UUID lineId, Instant from, Instant to, UUID shiftId);

    default List<ProductionPoint> production(
            TenantId tenant, UUID lineId, Instant from, Instant to, Interval interval) {
        return production(tenant, lineId, from, to, interval, null);
    }

    /** With {@code productId}: that product's production only, as {@code /series?product_id=} answers. */
    List<ProductionPoint> production(
            TenantId tenant, UUID lineId, Instant from, Instant to, Interval interval, UUID productId);

    List<ProductShare> productMix(TenantId tenant, UUID lineId, Instant from, Instant to);

    List<LineValue> compare(TenantId tenant, List<UUID> lineIds, Instant from, Instant to, Metric metric);

    /** The line's downtime overlapping the range, by start, at most {@code limit} (as {@code /downtime}'s first page). */
    List<DowntimeEvent> downtime(TenantId tenant, UUID lineId, Instant from, Instant to, int limit);
}
