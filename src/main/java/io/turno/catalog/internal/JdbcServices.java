package io.turno.catalog.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.catalog.ServiceQuery;
import io.turno.catalog.ServiceView;
import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's catalog rows; every statement is tenant-scoped. */
@Repository
class JdbcServices {

    private static final String VIEW = """
            SELECT id, code, name, description, walk_in, bookable, duration_minutes, price, currency, active,
                   created_at, updated_at
            FROM catalog_services
            """;

    private final JdbcClient jdbc;

    JdbcServices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResult<ServiceView> page(TenantId tenant, ServiceQuery query, int page, int size) {
        String where = """
                WHERE tenant_id = :tenant
                  AND (CAST(:text AS text) IS NULL OR code ILIKE '%' || :text || '%' OR name ILIKE '%' || :text || '%'
                       OR description ILIKE '%' || :text || '%')
                  AND (CAST(:active AS boolean) IS NULL OR active = :active)
                  AND (CAST(:walkIn AS boolean) IS NULL OR walk_in = :walkIn)
                  AND (CAST(:bookable AS boolean) IS NULL OR bookable = :bookable)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        params.put("text", Like.text(query.text()));
        params.put("active", query.active());
        params.put("walkIn", query.walkIn());
        params.put("bookable", query.bookable());
        long total = jdbc.sql("SELECT count(*) FROM catalog_services " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY lower(name), code LIMIT :limit OFFSET :offset")
                .params(params)
                .query(JdbcServices::view)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<ServiceView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(JdbcServices::view)
                .optional();
    }

    Optional<ServiceView> findByCode(TenantId tenant, String code) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :tenant AND code = upper(:code)")
                .param("tenant", tenant.value())
                .param("code", code)
                .query(JdbcServices::view)
                .optional();
    }

    void insert(TenantId tenant, UUID id, CatalogService.ServiceCommand service) {
        jdbc.sql("""
                INSERT INTO catalog_services (id, tenant_id, code, name, description, walk_in, bookable,
                                              duration_minutes, price, currency, active)
                VALUES (:id, :tenant, :code, :name, :description, :walkIn, :bookable, :duration, :price, :currency,
                        :active)
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .params(columns(service))
                .update();
    }

    boolean update(TenantId tenant, UUID id, CatalogService.ServiceCommand service) {
        return jdbc.sql("""
                UPDATE catalog_services
                SET code = :code, name = :name, description = :description, walk_in = :walkIn, bookable = :bookable,
                    duration_minutes = :duration, price = :price, currency = :currency, active = :active,
                    updated_at = now()
                WHERE tenant_id = :tenant AND id = :id
                """)
                        .param("id", id)
                        .param("tenant", tenant.value())
                        .params(columns(service))
                        .update()
                == 1;
    }

    boolean deactivate(TenantId tenant, UUID id) {
        return jdbc.sql("""
                UPDATE catalog_services SET active = FALSE, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id AND active
                """).param("tenant", tenant.value()).param("id", id).update() == 1;
    }

    boolean isEmpty(TenantId tenant) {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM catalog_services WHERE tenant_id = :t)")
                .param("t", tenant.value())
                .query(Boolean.class)
                .single();
    }

    /** Waits for the demo seeding's lock, held until the transaction ends. */
    void lockDemoSeeding() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('turno.catalog.demo'))")
                .query()
                .singleRow();
    }

    private static Map<String, Object> columns(CatalogService.ServiceCommand service) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("code", service.code());
        columns.put("name", service.name());
        columns.put("description", service.description());
        columns.put("walkIn", service.walkIn());
        columns.put("bookable", service.bookable());
        columns.put("duration", service.durationMinutes());
        columns.put("price", service.price());
        columns.put("currency", service.currency());
        columns.put("active", service.active());
        return columns;
    }

    private static ServiceView view(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new ServiceView(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getBoolean("walk_in"),
                rs.getBoolean("bookable"),
                rs.getObject("duration_minutes", Integer.class),
                price(rs.getBigDecimal("price"), currency),
                currency,
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    /** The stored price with the currency's usual decimals: 45000.0000 COP reads 45000.00. */
    private static BigDecimal price(BigDecimal stored, String currency) {
        if (stored == null) {
            return null;
        }
        int usual = Math.max(0, CatalogService.decimalsOf(currency));
        return stored.setScale(
                Math.max(usual, Math.max(0, stored.stripTrailingZeros().scale())));
    }
}
