package io.turno.production.internal;

import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.production.internal.Plant.Area;
import io.turno.production.internal.Plant.AreaCommand;
import io.turno.production.internal.Plant.Line;
import io.turno.production.internal.Plant.LineCommand;
import io.turno.production.internal.Plant.Product;
import io.turno.production.internal.Plant.ProductCommand;
import io.turno.production.internal.Plant.Shift;
import io.turno.production.internal.Plant.ShiftCommand;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The caller's tenant's plant structure: create, replace, deactivate; every change audited with before and after. */
@Service
public class PlantStructure {

    static final class Taken extends BusinessException {
        Taken(String what) {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, "Ya existe " + what + ".");
        }
    }

    /** A shift's line that is not one of the organization's (unknown, or another's): a 422 on {@code line_id}. */
    static final class UnknownShiftLine extends BusinessException {
        UnknownShiftLine() {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemCode.VALIDATION_FAILED,
                    "La línea del turno no existe en la organización.");
        }

        @Override
        public Map<String, String> fieldErrors() {
            return Map.of("line_id", getMessage());
        }
    }

    private final JdbcPlant plant;
    private final PlantCache cache;
    private final AuditLog audit;

    PlantStructure(JdbcPlant plant, PlantCache cache, AuditLog audit) {
        this.plant = plant;
        this.cache = cache;
        this.audit = audit;
    }

    // Lines

    /** From the metadata cache, like the other reads the API serves: a change made on another instance shows within the hour. */
    public PageResult<Line> lines(Actor caller, Boolean active, int page, int size) {
        return page(
                cache.of(caller.tenantId()).everyLine().stream()
                        .filter(l -> active == null || l.active() == active)
                        .toList(),
                page,
                size);
    }

    public Line cachedLine(Actor caller, UUID id) {
        return cache.of(caller.tenantId()).everyLine().stream()
                .filter(l -> l.id().equals(id))
                .findFirst()
                .or(() -> plant.line(caller.tenantId(), id)) // made on another instance, not yet heard of
                .orElseThrow(() -> new NotFound("Línea", id));
    }

    @Transactional(readOnly = true)
    public Line line(Actor caller, UUID id) {
        return plant.line(caller.tenantId(), id).orElseThrow(() -> new NotFound("Línea", id));
    }

    @Transactional
    public Line saveLine(Actor caller, UUID id, LineCommand line) {
        Line before = id == null ? null : line(caller, id);
        UUID saved = id == null ? UUID.randomUUID() : id;
        unique(
                () -> plant.saveLine(caller.tenantId(), saved, line, before == null),
                "una línea con el código «" + line.code() + "»");
        return changed(caller, "production_line", saved, before, line(caller, saved));
    }

    // Areas

    public PageResult<Area> areas(Actor caller, UUID lineId, Boolean active, int page, int size) {
        return page(
                cache.of(caller.tenantId()).everyArea().stream()
                        .filter(a -> (active == null || a.active() == active)
                                && (lineId == null || a.lineId().equals(lineId)))
                        .toList(),
                page,
                size);
    }

    public Area cachedArea(Actor caller, UUID id) {
        return cache.of(caller.tenantId()).everyArea().stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .or(() -> plant.area(caller.tenantId(), id)) // made on another instance, not yet heard of
                .orElseThrow(() -> new NotFound("Área", id));
    }

    @Transactional(readOnly = true)
    public Area area(Actor caller, UUID id) {
        return plant.area(caller.tenantId(), id).orElseThrow(() -> new NotFound("Área", id));
    }

    @Transactional
    public Area saveArea(Actor caller, UUID id, AreaCommand area) {
        Area before = id == null ? null : area(caller, id);
        line(caller, area.lineId());
        UUID saved = id == null ? UUID.randomUUID() : id;
        unique(
                () -> plant.saveArea(caller.tenantId(), saved, area, before == null),
                "un área «" + area.name() + "» en la línea");
        return changed(caller, "production_area", saved, before, area(caller, saved));
    }

    // Products

    public PageResult<Product> products(Actor caller, Boolean active, int page, int size) {
        return page(
                cache.of(caller.tenantId()).everyProduct().stream()
                        .filter(p -> active == null || p.active() == active)
                        .toList(),
                page,
                size);
    }

    public Product cachedProduct(Actor caller, UUID id) {
        return cache.of(caller.tenantId()).everyProduct().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .or(() -> plant.product(caller.tenantId(), id)) // made on another instance, not yet heard of
                .orElseThrow(() -> new NotFound("Producto", id));
    }

    private static <T> PageResult<T> page(java.util.List<T> rows, int page, int size) {
        long from = Math.min(rows.size(), (long) page * size);
        return new PageResult<>(
                rows.subList((int) from, (int) Math.min(rows.size(), from + size)), page, size, rows.size());
    }

    @Transactional(readOnly = true)
    public Product product(Actor caller, UUID id) {
        return plant.product(caller.tenantId(), id).orElseThrow(() -> new NotFound("Producto", id));
    }

    @Transactional
    public Product saveProduct(Actor caller, UUID id, ProductCommand product) {
        Product before = id == null ? null : product(caller, id);
        UUID saved = id == null ? UUID.randomUUID() : id;
        unique(
                () -> plant.saveProduct(caller.tenantId(), saved, product, before == null),
                "un producto con el código «" + product.code() + "»");
        return changed(caller, "production_product", saved, before, product(caller, saved));
    }

    // Shifts

    @Transactional(readOnly = true)
    public PageResult<Shift> shifts(Actor caller, Boolean active, int page, int size) {
        return plant.shifts(caller.tenantId(), active, page, size);
    }

    @Transactional(readOnly = true)
    public Shift shift(Actor caller, UUID id) {
        return plant.shift(caller.tenantId(), id).orElseThrow(() -> new NotFound("Turno", id));
    }

    @Transactional
    public Shift saveShift(Actor caller, UUID id, ShiftCommand shift) {
        Shift before = id == null ? null : shift(caller, id);
        if (shift.lineId() != null
                && plant.line(caller.tenantId(), shift.lineId()).isEmpty()) {
            throw new UnknownShiftLine();
        }
        UUID saved = id == null ? UUID.randomUUID() : id;
        unique(
                () -> plant.saveShift(caller.tenantId(), saved, shift, before == null),
                "un turno «" + shift.name() + "»");
        return changed(caller, "production_shift", saved, before, shift(caller, saved));
    }

    // Filters: few per organization, served from the metadata cache.

    /** The plant's time zone: the organization's. */
    public java.time.ZoneId zone(Actor caller) {
        return cache.of(caller.tenantId()).zone();
    }

    public java.util.List<Plant.Filter> filters(Actor caller) {
        return cache.of(caller.tenantId()).filters();
    }

    @Transactional(readOnly = true)
    public Plant.Filter filter(Actor caller, UUID id) {
        return plant.filter(caller.tenantId(), id).orElseThrow(() -> new NotFound("Filtro", id));
    }

    @Transactional
    public Plant.Filter saveFilter(Actor caller, UUID id, Plant.FilterCommand filter) {
        Plant.Filter before = id == null ? null : filter(caller, id);
        UUID saved = id == null ? UUID.randomUUID() : id;
        unique(
                () -> plant.saveFilter(caller.tenantId(), saved, filter, before == null),
                "un filtro «" + filter.name() + "»");
        return changed(caller, "production_filter", saved, before, filter(caller, saved));
    }

    @Transactional
    public void deleteFilter(Actor caller, UUID id) {
        Plant.Filter before = filter(caller, id);
        plant.deleteFilter(caller.tenantId(), id);
        cache.invalidate(caller.tenantId());
        record(caller, "DELETE", "production_filter", id, Map.of("before", before));
    }

    // Cameras

    @Transactional(readOnly = true)
    public PageResult<Plant.Camera> cameras(Actor caller, UUID areaId, Boolean active, int page, int size) {
        return plant.cameras(caller.tenantId(), areaId, active, page, size);
    }

    @Transactional(readOnly = true)
    public Plant.Camera camera(Actor caller, UUID id) {
        return plant.camera(caller.tenantId(), id).orElseThrow(() -> new NotFound("Cámara", id));
    }

    @Transactional
    public Plant.Camera saveCamera(Actor caller, UUID id, Plant.CameraCommand camera) {
        Plant.Camera before = id == null ? null : camera(caller, id);
        area(caller, camera.areaId());
        UUID saved = id == null ? UUID.randomUUID() : id;
        unique(
                () -> plant.saveCamera(caller.tenantId(), saved, camera, before == null),
                "una cámara «" + camera.name() + "» en el área");
        return changed(caller, "production_camera", saved, before, camera(caller, saved));
    }

    /** Deactivates a line, area, product or shift ({@code kind}); already inactive: nothing to do. */
    @Transactional
    public void deactivate(Actor caller, String kind, UUID id) {
        Object before = switch (kind) {
            case "line" -> line(caller, id);
            case "area" -> area(caller, id);
            case "product" -> product(caller, id);
            case "shift" -> shift(caller, id);
            case "camera" -> camera(caller, id);
            default -> throw new IllegalArgumentException(kind);
        };
        if (plant.deactivate("production_" + kind + "s", caller.tenantId(), id)) {
            cache.invalidate(caller.tenantId());
            record(caller, "DELETE", "production_" + kind, id, Map.of("before", before));
        }
    }

    private static void unique(Runnable write, String what) {
        try {
            write.run();
        } catch (DuplicateKeyException e) {
            throw new Taken(what);
        }
    }

    private <T> T changed(Actor caller, String entity, UUID id, Object before, T after) {
        cache.invalidate(caller.tenantId());
        Map<String, ?> summary = before == null ? Map.of("after", after) : AuditEntry.change(before, after);
        record(caller, before == null ? "CREATE" : "UPDATE", entity, id, summary);
        return after;
    }

    private void record(Actor caller, String action, String entity, UUID id, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, entity, id.toString(), summary));
    }
}
