package io.turno.production.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.turno.identity.TenantDirectory;
import io.turno.production.internal.Plant.Area;
import io.turno.production.internal.Plant.Line;
import io.turno.production.internal.Plant.Product;
import io.turno.production.internal.Plant.Shift;
import io.turno.shared.SettingsCache;
import io.turno.shared.SettingsChanges;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Component;

/**
 * The tenant's plant metadata in memory: line by code or id, area by id or by name within its line,
 * product by code or id, active shifts (a line's: {@link Snapshot#shiftsOf}), filters and the plant's time zone (the organization's). A
 * change to the structure ({@link #invalidate}) or to the organization is forgotten on every instance
 * when it commits ({@link SettingsChanges}); an entry is never kept longer than {@link #TTL}. Its hits and
 * misses are the meters {@code turno.production.metadata.cache} (tag {@code result}) and the ratio
 * {@code turno.production.metadata.cache.hit.ratio}.
 */
@Component
class PlantCache {

    static final Duration TTL = Duration.ofHours(1);

    /** One tenant's active structure, as the ingest resolves it. */
    record Snapshot(
            Map<String, Line> linesByCode,
            Map<UUID, Area> areasById,
            Map<String, Area> areasByLineAndName,
            Map<String, Product> productsByCode,
            Map<UUID, Line> linesById,
            Map<UUID, Product> productsById,
            List<Shift> shifts,
            List<Plant.Filter> filters,
            ZoneId zone,
            List<Line> everyLine,
            List<Area> everyArea,
            List<Product> everyProduct) {

        /** The line's active shifts: its own and the organization-wide ones (no line). */
        List<Shift> shiftsOf(UUID lineId) {
            return shifts.stream()
                    .filter(s -> s.lineId() == null || s.lineId().equals(lineId))
                    .toList();
        }

        /** The ids of the line's active OUTPUT areas: where production and downtime are measured. */
        List<UUID> outputAreas(UUID lineId) {
            return areasById.values().stream()
                    .filter(a -> a.lineId().equals(lineId) && a.type() == Plant.AreaType.OUTPUT)
                    .map(Area::id)
                    .sorted()
                    .toList();
        }

        Area area(UUID lineId, String idOrName) {
            // Only what looks like an id is parsed as one: a name would cost an exception per row.
            if (idOrName.length() == 36 && idOrName.charAt(8) == '-') {
                try {
                    Area area = areasById.get(UUID.fromString(idOrName));
                    if (area != null && area.lineId().equals(lineId)) {
                        return area;
                    }
                } catch (IllegalArgumentException notAnId) {
                    // a name after all
                }
            }
            return areasByLineAndName.get(lineId + "/" + idOrName.strip().toLowerCase(Locale.ROOT));
        }
    }

    private final JdbcPlant plant;
    private final TenantDirectory tenants;
    private final SettingsCache<Snapshot> snapshots;
    private final Counter hits;
    private final Counter misses;

    PlantCache(JdbcPlant plant, TenantDirectory tenants, MeterRegistry meters, SettingsChanges changes) {
        this.plant = plant;
        this.tenants = tenants;
        this.snapshots = changes.cache(TTL, "plant", SettingsChanges.TENANT);
        this.hits = Counter.builder("turno.production.metadata.cache")
                .tag("result", "hit")
                .description("Plant structure lookups served from memory")
                .register(meters);
        this.misses = Counter.builder("turno.production.metadata.cache")
                .tag("result", "miss")
                .description("Plant structure lookups that read the database")
                .register(meters);
        Gauge.builder("turno.production.metadata.cache.hit.ratio", this, PlantCache::hitRatio)
                .description("Share of plant structure lookups served from memory")
                .register(meters);
    }

    /** The tenant's structure; call inside the tenant's scope. */
    Snapshot of(TenantId tenant) {
        var loaded = new boolean[1];
        Snapshot snapshot = snapshots.get(tenant, t -> {
            loaded[0] = true;
            return load(t);
        });
        (loaded[0] ? misses : hits).increment();
        return snapshot;
    }

    /** The tenant's structure changes in the current transaction: every instance forgets it when that commits. */
    void invalidate(TenantId tenant) {
        snapshots.changed(tenant);
    }

    double hitRatio() {
        double total = hits.count() + misses.count();
        return total == 0 ? 0 : hits.count() / total;
    }

    private Snapshot load(TenantId tenant) {
        Map<String, Line> lines = new HashMap<>();
        Map<UUID, Line> linesById = new HashMap<>();
        List<Line> everyLine = plant.allLines(tenant);
        List<Area> everyArea = plant.allAreas(tenant);
        List<Product> everyProduct = plant.allProducts(tenant);
        everyLine.stream().filter(Line::active).forEach(line -> {
            lines.put(line.code(), line);
            linesById.put(line.id(), line);
        });
        Map<UUID, Area> areasById = new HashMap<>();
        Map<String, Area> areasByName = new HashMap<>();
        everyArea.stream()
                .filter(a -> a.active() && linesById.containsKey(a.lineId()))
                .forEach(area -> {
                    areasById.put(area.id(), area);
                    areasByName.put(area.lineId() + "/" + area.name().toLowerCase(Locale.ROOT), area);
                });
        Map<String, Product> products = new HashMap<>();
        Map<UUID, Product> productsById = new HashMap<>();
        everyProduct.forEach(p -> {
            productsById.put(p.id(), p);
            if (p.active()) {
                products.put(p.code(), p);
            }
        });
        List<Shift> shifts =
                plant.allShifts(tenant).stream().filter(Shift::active).toList();
        ZoneId zone = tenants.summary(tenant)
                .map(TenantDirectory.TenantSummary::timeZone)
                .orElse(ZoneId.of("UTC"));
        return new Snapshot(
                Map.copyOf(lines),
                Map.copyOf(areasById),
                Map.copyOf(areasByName),
                Map.copyOf(products),
                Map.copyOf(linesById),
                Map.copyOf(productsById),
                shifts,
                List.copyOf(plant.allFilters(tenant)),
                zone,
                sorted(everyLine, java.util.Comparator.comparing(Line::code)),
                sorted(
                        everyArea,
                        java.util.Comparator.comparing((Area a) -> a.name().toLowerCase(Locale.ROOT))),
                sorted(everyProduct, java.util.Comparator.comparing(Product::code)));
    }

    private static <T> List<T> sorted(List<T> rows, java.util.Comparator<T> order) {
        return rows.stream().sorted(order).toList();
    }
}
