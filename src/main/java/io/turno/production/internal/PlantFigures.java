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
    public Oee oee(TenantId tenant, UUID lineId, Instant from, Instant to) {
        Kpis.Summary s = kpis.kpis(tenant, lineId, from, to, null);
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
    public List<ProductionPoint> production(TenantId tenant, UUID lineId, Instant from, Instant to, Interval interval) {
        return kpis.series(tenant, lineId, from, to, Kpis.Interval.valueOf(interval.name()), null).stream()
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
        return downtime.events(tenant, lineId, from, to, 0, limit).items().stream()
                .map(e -> new DowntimeEvent(e.startedAt(), e.endedAt(), e.durationSeconds(), e.reason()))
                .toList();
    }
}
