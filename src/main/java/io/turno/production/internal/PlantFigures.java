package io.turno.production.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.turno.production.PlantStatistics;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link PlantStatistics} answered by {@link Kpis} and {@link Downtime}, the plant endpoints' own services. */
@Service
class PlantFigures implements PlantStatistics {

    private static final java.util.Set<String> FILTER_TYPES =
            java.util.Set.of("daterange", "line", "shift", "product", "branch", "practitioner");

    private final Kpis kpis;
    private final Downtime downtime;
    private final PlantCache cache;

    PlantFigures(Kpis kpis, Downtime downtime, PlantCache cache) {
        this.kpis = kpis;
        this.downtime = downtime;
        this.cache = cache;
    }

    @Override
    public List<LineRef> lines(TenantId tenant) {
        return cache.of(tenant).linesById().values().stream()
                .filter(Plant.Line::active)
                .sorted(Comparator.comparing(Plant.Line::code))
                .map(line -> new LineRef(line.id(), line.code(), line.name()))
                .toList();
    }

    @Override
    public List<Choice> shifts(TenantId tenant) {
        return cache.of(tenant).shifts().stream()
                .sorted(Comparator.comparing(Plant.Shift::start))
                .map(shift -> new Choice(shift.id(), shift.name(), shift.name()))
                .toList();
    }

    @Override
    public List<Choice> products(TenantId tenant) {
        return cache.of(tenant).productsByCode().values().stream()
                .sorted(Comparator.comparing(Plant.Product::code))
                .map(product -> new Choice(product.id(), product.code(), product.name()))
                .toList();
    }

    @Override
    public List<FilterSetting> filterSettings(TenantId tenant) {
        List<FilterSetting> settings = new java.util.ArrayList<>();
        for (Plant.Filter filter : cache.of(tenant).filters()) {
            var additional = filter.additional();
            String type = additional != null && additional.has("type")
                    ? additional.get("type").asString().toLowerCase(java.util.Locale.ROOT)
                    : "";
            if (!FILTER_TYPES.contains(type)) {
                continue;
            }
            var defaults = filter.defaultValue();
            Integer daysBack = defaults != null && defaults.has("days_back")
                    ? Math.max(1, Math.min(366, defaults.get("days_back").asInt()))
                    : null;
            boolean showTime =
                    additional.has("show_time") && additional.get("show_time").asBoolean();
            settings.add(
                    new FilterSetting(type, filter.name(), filter.status(), filter.position(), daysBack, showTime));
        }
        settings.sort(Comparator.comparingInt(FilterSetting::position));
        return settings;
    }

    @Override
    public Oee oee(TenantId tenant, UUID lineId, Instant from, Instant to, UUID shiftId) {
        Kpis.Summary s = kpis.kpis(tenant, lineId, from, to, shiftId);
        return new Oee(
                s.availability(),
                s.performance(),
                s.quality(),
                s.oee(),
                s.total(),
                s.good(),
                s.rejected(),
                s.plannedSeconds(),
                s.downtimeSeconds());
    }

    @Override
    public List<ProductionPoint> production(
            TenantId tenant, UUID lineId, Instant from, Instant to, Interval interval, UUID productId) {
        return kpis.series(tenant, lineId, from, to, Kpis.Interval.valueOf(interval.name()), productId).stream()
                .map(p -> new ProductionPoint(p.start(), p.label(), p.total(), p.good(), p.rejected()))
                .toList();
    }

    @Override
    public List<ProductShare> productMix(TenantId tenant, UUID lineId, Instant from, Instant to) {
        return kpis.productMix(tenant, lineId, from, to).stream()
                .map(p -> new ProductShare(p.code(), p.name(), p.total(), p.share()))
                .toList();
    }

    @Override
    public List<LineValue> compare(TenantId tenant, List<UUID> lineIds, Instant from, Instant to, Metric metric) {
        return kpis.compare(tenant, lineIds, from, to, Kpis.Metric.valueOf(metric.name())).stream()
                .map(c -> new LineValue(c.lineId(), c.code(), c.name(), c.value()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<DowntimeEvent> downtime(TenantId tenant, UUID lineId, Instant from, Instant to, int limit) {
        // Recorded stops only: the other modules' widgets and reports expect each to have ended.
        return downtime.events(tenant, lineId, from, to, 0, limit).items().stream()
                .filter(e -> !e.ongoing())
                .map(e -> new DowntimeEvent(e.startedAt(), e.endedAt(), e.durationSeconds(), e.reason()))
                .toList();
    }
}
