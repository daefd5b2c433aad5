package io.turno.production.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.production.internal.Plant.Area;
import io.turno.production.internal.Plant.AreaType;
import io.turno.production.internal.Plant.Break;
import io.turno.production.internal.Plant.Line;
import io.turno.production.internal.Plant.Product;
import io.turno.production.internal.Plant.Shift;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's plant structure rows; every statement names the tenant. */
@Repository
class JdbcPlant {

    private static final TypeReference<List<Break>> BREAKS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcPlant(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.json = JsonMapper.builder().build();
    }

    /** Instances starting together on one database seed the demo plant one after the other. */
    void awaitDemoSeedingTurn() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('turno.production.demo'))")
                .query()
                .singleRow();
    }

    // Lines

    List<Line> allLines(TenantId tenant) {
        return jdbc.sql("SELECT * FROM production_lines WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(this::line)
                .list();
    }

    Optional<Line> line(TenantId tenant, UUID id) {
        return find("production_lines", tenant, id, this::line);
    }

    void saveLine(TenantId tenant, UUID id, Plant.LineCommand line, boolean insert) {
        jdbc.sql(insert ? """
                INSERT INTO production_lines (id, tenant_id, code, name, active, downtime_threshold_seconds)
                VALUES (:id, :tenant, :code, :name, :active, :threshold)""" : """
                UPDATE production_lines SET code = :code, name = :name, active = :active,
                       downtime_threshold_seconds = :threshold, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id""")
                .param("id", id)
                .param("tenant", tenant.value())
                .param("code", line.code())
                .param("name", line.name())
                .param("active", line.active())
                .param("threshold", line.downtimeThresholdSeconds())
                .update();
    }

    // Areas

    List<Area> allAreas(TenantId tenant) {
        return jdbc.sql("SELECT * FROM production_areas WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(this::area)
                .list();
    }

    Optional<Area> area(TenantId tenant, UUID id) {
        return find("production_areas", tenant, id, this::area);
    }

    void saveArea(TenantId tenant, UUID id, Plant.AreaCommand area, boolean insert) {
        jdbc.sql(insert ? """
                INSERT INTO production_areas (id, tenant_id, line_id, name, type, active)
                VALUES (:id, :tenant, :line, :name, :type, :active)""" : """
                UPDATE production_areas SET line_id = :line, name = :name, type = :type, active = :active,
                       updated_at = now()
                WHERE tenant_id = :tenant AND id = :id""")
                .param("id", id)
                .param("tenant", tenant.value())
                .param("line", area.lineId())
                .param("name", area.name())
                .param("type", area.type().name())
                .param("active", area.active())
                .update();
    }

    // Products

    List<Product> allProducts(TenantId tenant) {
        return jdbc.sql("SELECT * FROM production_products WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(this::product)
                .list();
    }

    Optional<Product> product(TenantId tenant, UUID id) {
        return find("production_products", tenant, id, this::product);
    }

    void saveProduct(TenantId tenant, UUID id, Plant.ProductCommand product, boolean insert) {
        jdbc.sql(insert ? """
                INSERT INTO production_products (id, tenant_id, code, name, ideal_cycle_seconds, active)
                VALUES (:id, :tenant, :code, :name, :cycle, :active)""" : """
                UPDATE production_products SET code = :code, name = :name, ideal_cycle_seconds = :cycle,
                       active = :active, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id""")
                .param("id", id)
                .param("tenant", tenant.value())
                .param("code", product.code())
                .param("name", product.name())
                .param("cycle", product.idealCycleSeconds())
                .param("active", product.active())
                .update();
    }

    // Shifts

    PageResult<Shift> shifts(TenantId tenant, Boolean active, int page, int size) {
        return page("production_shifts", "start_time, name", Map.of(), tenant, active, page, size, this::shift);
    }

    Optional<Shift> shift(TenantId tenant, UUID id) {
        return find("production_shifts", tenant, id, this::shift);
    }

    void saveShift(TenantId tenant, UUID id, Plant.ShiftCommand shift, boolean insert) {
        jdbc.sql(insert ? """
                INSERT INTO production_shifts (id, tenant_id, line_id, name, start_time, end_time, breaks, active)
                VALUES (:id, :tenant, :line, :name, :start, :end, CAST(:breaks AS jsonb), :active)""" : """
                UPDATE production_shifts SET line_id = :line, name = :name, start_time = :start, end_time = :end,
                       breaks = CAST(:breaks AS jsonb), active = :active, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id""")
                .param("id", id)
                .param("tenant", tenant.value())
                .param("line", shift.lineId(), java.sql.Types.OTHER)
                .param("name", shift.name())
                .param("start", shift.start())
                .param("end", shift.end())
                .param("breaks", json.writeValueAsString(shift.breaks()))
                .param("active", shift.active())
                .update();
    }

    List<Shift> allShifts(TenantId tenant) {
        return jdbc.sql("SELECT * FROM production_shifts WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(this::shift)
                .list();
    }

    // Filters

    List<Plant.Filter> allFilters(TenantId tenant) {
        return jdbc.sql("SELECT * FROM production_filters WHERE tenant_id = :tenant ORDER BY position, name")
                .param("tenant", tenant.value())
                .query(this::filter)
                .list();
    }

    Optional<Plant.Filter> filter(TenantId tenant, UUID id) {
        return find("production_filters", tenant, id, this::filter);
    }

    void saveFilter(TenantId tenant, UUID id, Plant.FilterCommand filter, boolean insert) {
        jdbc.sql(insert ? """
                INSERT INTO production_filters (id, tenant_id, name, status, default_value, additional, position)
                VALUES (:id, :tenant, :name, :status, CAST(:value AS jsonb), CAST(:additional AS jsonb), :position)""" : """
                UPDATE production_filters SET name = :name, status = :status, default_value = CAST(:value AS jsonb),
                       additional = CAST(:additional AS jsonb), position = :position, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id""")
                .param("id", id)
                .param("tenant", tenant.value())
                .param("name", filter.name())
                .param("status", filter.status())
                .param("value", jsonText(filter.defaultValue()))
                .param("additional", jsonText(filter.additional()))
                .param("position", filter.position())
                .update();
    }

    boolean deleteFilter(TenantId tenant, UUID id) {
        return jdbc.sql("DELETE FROM production_filters WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    // Cameras

    PageResult<Plant.Camera> cameras(TenantId tenant, UUID areaId, Boolean active, int page, int size) {
        return page(
                "production_cameras",
                "name",
                areaId == null ? Map.of() : Map.of("area_id", areaId),
                tenant,
                active,
                page,
                size,
                this::camera);
    }

    Optional<Plant.Camera> camera(TenantId tenant, UUID id) {
        return find("production_cameras", tenant, id, this::camera);
    }

    void saveCamera(TenantId tenant, UUID id, Plant.CameraCommand camera, boolean insert) {
        jdbc.sql(insert ? """
                INSERT INTO production_cameras (id, tenant_id, area_id, name, stream_url, active)
                VALUES (:id, :tenant, :area, :name, :url, :active)""" : """
                UPDATE production_cameras SET area_id = :area, name = :name, stream_url = :url, active = :active,
                       updated_at = now()
                WHERE tenant_id = :tenant AND id = :id""")
                .param("id", id)
                .param("tenant", tenant.value())
                .param("area", camera.areaId())
                .param("name", camera.name())
                .param("url", camera.streamUrl())
                .param("active", camera.active())
                .update();
    }

    private String jsonText(tools.jackson.databind.JsonNode node) {
        return node == null || node.isNull() ? null : json.writeValueAsString(node);
    }

    /** Deactivates a row of one of the structure tables; false when it was already inactive. */
    boolean deactivate(String table, TenantId tenant, UUID id) {
        return jdbc.sql(
                                "UPDATE " + table
                                        + " SET active = FALSE, updated_at = now() WHERE tenant_id = :tenant AND id = :id AND active")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    private <T> Optional<T> find(String table, TenantId tenant, UUID id, RowMapper<T> mapper) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(mapper)
                .optional();
    }

    private <T> PageResult<T> page(
            String table,
            String order,
            Map<String, Object> equal,
            TenantId tenant,
            Boolean active,
            int page,
            int size,
            RowMapper<T> mapper) {
        StringBuilder where = new StringBuilder(
                " WHERE tenant_id = :tenant AND (CAST(:active AS boolean) IS NULL OR active = :active)");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        params.put("active", active);
        equal.forEach((column, value) -> {
            where.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
        });
        long total = jdbc.sql("SELECT count(*) FROM " + table + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<T> items = jdbc.sql(
                        "SELECT * FROM " + table + where + " ORDER BY " + order + ", id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(mapper)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    private Line line(ResultSet rs, int row) throws SQLException {
        return new Line(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                rs.getString("name"),
                rs.getBoolean("active"),
                rs.getInt("downtime_threshold_seconds"),
                at(rs, "created_at"),
                at(rs, "updated_at"));
    }

    private Area area(ResultSet rs, int row) throws SQLException {
        return new Area(
                rs.getObject("id", UUID.class),
                rs.getObject("line_id", UUID.class),
                rs.getString("name"),
                AreaType.valueOf(rs.getString("type")),
                rs.getBoolean("active"),
                at(rs, "created_at"),
                at(rs, "updated_at"));
    }

    private Product product(ResultSet rs, int row) throws SQLException {
        return new Product(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                rs.getString("name"),
                rs.getBigDecimal("ideal_cycle_seconds").stripTrailingZeros(),
                rs.getBoolean("active"),
                at(rs, "created_at"),
                at(rs, "updated_at"));
    }

    private Shift shift(ResultSet rs, int row) throws SQLException {
        return new Shift(
                rs.getObject("id", UUID.class),
                rs.getObject("line_id", UUID.class),
                rs.getString("name"),
                rs.getObject("start_time", java.time.LocalTime.class),
                rs.getObject("end_time", java.time.LocalTime.class),
                json.readValue(rs.getString("breaks"), BREAKS),
                rs.getBoolean("active"),
                at(rs, "created_at"),
                at(rs, "updated_at"));
    }

    private Plant.Filter filter(ResultSet rs, int row) throws SQLException {
        String value = rs.getString("default_value");
        String additional = rs.getString("additional");
        return new Plant.Filter(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getBoolean("status"),
                value == null ? null : json.readTree(value),
                additional == null ? null : json.readTree(additional),
                rs.getInt("position"),
                at(rs, "created_at"),
                at(rs, "updated_at"));
    }

    private Plant.Camera camera(ResultSet rs, int row) throws SQLException {
        return new Plant.Camera(
                rs.getObject("id", UUID.class),
                rs.getObject("area_id", UUID.class),
                rs.getString("name"),
                rs.getString("stream_url"),
                rs.getBoolean("active"),
                at(rs, "created_at"),
                at(rs, "updated_at"));
    }

    private static Instant at(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
