package io.turno.production.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.stereotype.Component;

/**
 * A client database's structure upserted into the module: lines and products by code, areas by
 * line and name, shifts and filters by name. A row that has not changed is not written; a row the
 * module cannot hold (bad code, no name, unknown area type, empty shift) is skipped.
 */
@Component
class StructureSync {

    /** What a sync changed (created or updated) per kind, and the source rows it skipped as unusable. */
    record Changes(int lines, int areas, int products, int shifts, int filters, int skipped) {}

    private record Outcome(int changed, int skipped) {}

    private static final int DEFAULT_THRESHOLD = 300;
    private static final BigDecimal DEFAULT_CYCLE = BigDecimal.ONE;

    private final JdbcPlant plant;

    StructureSync(JdbcPlant plant) {
        this.plant = plant;
    }

    /** Call inside a transaction; the caller invalidates the tenant's cached structure in it. */
    Changes apply(TenantId tenant, SourceStructure source) {
        Map<Long, UUID> lineIds = new HashMap<>();
        Outcome lines = lines(tenant, source.lines(), lineIds);
        Outcome areas = areas(tenant, source.areas(), lineIds);
        Outcome products = products(tenant, source.products());
        Outcome shifts = shifts(tenant, source.shifts());
        Outcome filters = filters(tenant, source.filters());
        return new Changes(
                lines.changed(),
                areas.changed(),
                products.changed(),
                shifts.changed(),
                filters.changed(),
                lines.skipped() + areas.skipped() + products.skipped() + shifts.skipped() + filters.skipped());
    }

    /** Fills {@code lineIds}: the module's line id for each usable source line id. */
    private Outcome lines(TenantId tenant, List<SourceStructure.Line> source, Map<Long, UUID> lineIds) {
        int changed = 0;
        int skipped = 0;
        Map<String, Plant.Line> lines = new HashMap<>();
        plant.allLines(tenant).forEach(l -> lines.put(l.code(), l));
        for (SourceStructure.Line line : source) {
            String code = line.code().toUpperCase(Locale.ROOT);
            if (!validCode(code) || line.name() == null) {
                skipped++;
                continue;
            }
            Plant.Line existing = lines.get(code);
            var command = new Plant.LineCommand(
                    code,
                    limit(line.name()),
                    line.active(),
                    existing == null ? DEFAULT_THRESHOLD : existing.downtimeThresholdSeconds());
            if (existing == null || !existing.name().equals(command.name()) || existing.active() != command.active()) {
                UUID id = existing == null ? UUID.randomUUID() : existing.id();
                plant.saveLine(tenant, id, command, existing == null);
                lineIds.put(line.id(), id);
                changed++;
            } else {
                lineIds.put(line.id(), existing.id());
            }
        }
        return new Outcome(changed, skipped);
    }

    private Outcome areas(TenantId tenant, List<SourceStructure.Area> source, Map<Long, UUID> lineIds) {
        int changed = 0;
        int skipped = 0;
        Map<String, Plant.Area> areas = new HashMap<>();
        plant.allAreas(tenant)
                .forEach(a -> areas.put(a.lineId() + "/" + a.name().toLowerCase(Locale.ROOT), a));
        for (SourceStructure.Area area : source) {
            UUID lineId = lineIds.get(area.lineId());
            Plant.AreaType type = areaType(area.type());
            if (lineId == null || type == null || area.name() == null) {
                skipped++;
                continue;
            }
            Plant.Area existing = areas.get(lineId + "/" + area.name().toLowerCase(Locale.ROOT));
            if (existing == null || existing.type() != type || !existing.active()) {
                plant.saveArea(
                        tenant,
                        existing == null ? UUID.randomUUID() : existing.id(),
                        new Plant.AreaCommand(lineId, limit(area.name()), type, true),
                        existing == null);
                changed++;
            }
        }
        return new Outcome(changed, skipped);
    }

    private Outcome products(TenantId tenant, List<SourceStructure.Product> source) {
        int changed = 0;
        int skipped = 0;
        Map<String, Plant.Product> products = new HashMap<>();
        plant.allProducts(tenant).forEach(p -> products.put(p.code(), p));
        for (SourceStructure.Product product : source) {
            String code = product.code() == null ? "" : product.code().toUpperCase(Locale.ROOT);
            if (!validCode(code) || product.name() == null) {
                skipped++;
                continue;
            }
            Plant.Product existing = products.get(code);
            BigDecimal cycle = product.cycle() != null && product.cycle().signum() > 0
                    ? product.cycle()
                    : existing != null ? existing.idealCycleSeconds() : DEFAULT_CYCLE;
            if (existing == null
                    || !existing.name().equals(product.name())
                    || existing.idealCycleSeconds().compareTo(cycle) != 0) {
                plant.saveProduct(
                        tenant,
                        existing == null ? UUID.randomUUID() : existing.id(),
                        new Plant.ProductCommand(
                                code, limit(product.name()), cycle, existing == null || existing.active()),
                        existing == null);
                changed++;
            }
        }
        return new Outcome(changed, skipped);
    }

    private Outcome shifts(TenantId tenant, List<SourceStructure.Shift> source) {
        int changed = 0;
        int skipped = 0;
        Map<String, Plant.Shift> shifts = new HashMap<>();
        plant.allShifts(tenant).forEach(s -> shifts.put(s.name(), s));
        for (SourceStructure.Shift shift : source) {
            if (shift.name() == null
                    || shift.start() == null
                    || shift.end() == null
                    || shift.start().equals(shift.end())) {
                skipped++;
                continue;
            }
            Plant.Shift existing = shifts.get(shift.name());
            if (existing == null
                    || !existing.start().equals(shift.start())
                    || !existing.end().equals(shift.end())) {
                plant.saveShift(
                        tenant,
                        existing == null ? UUID.randomUUID() : existing.id(),
                        new Plant.ShiftCommand(
                                limit(shift.name()),
                                shift.start(),
                                shift.end(),
                                existing == null ? List.of() : existing.breaks(),
                                existing == null || existing.active(),
                                // The source knows no line per shift: a line set here is kept.
                                existing == null ? null : existing.lineId()),
                        existing == null);
                changed++;
            }
        }
        return new Outcome(changed, skipped);
    }

    private Outcome filters(TenantId tenant, List<SourceStructure.Filter> source) {
        int changed = 0;
        int skipped = 0;
        Map<String, Plant.Filter> filters = new HashMap<>();
        plant.allFilters(tenant).forEach(f -> filters.put(f.name(), f));
        for (SourceStructure.Filter filter : source) {
            if (filter.name() == null) {
                skipped++;
                continue;
            }
            Plant.Filter existing = filters.get(filter.name());
            if (existing == null
                    || existing.status() != filter.status()
                    || !Objects.equals(existing.defaultValue(), filter.defaultValue())
                    || !Objects.equals(existing.additional(), filter.additional())) {
                plant.saveFilter(
                        tenant,
                        existing == null ? UUID.randomUUID() : existing.id(),
                        new Plant.FilterCommand(
                                limit(filter.name()),
                                filter.status(),
                                filter.defaultValue(),
                                filter.additional(),
                                existing == null ? filters.size() : existing.position()),
                        existing == null);
                changed++;
            }
        }
        return new Outcome(changed, skipped);
    }

    private static Plant.AreaType areaType(String type) {
        try {
            return type == null ? null : Plant.AreaType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean validCode(String code) {
        return code.length() <= 32 && code.matches("[A-Za-z0-9][A-Za-z0-9_.-]*");
    }

    private static String limit(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }
}
