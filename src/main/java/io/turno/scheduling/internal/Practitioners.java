package io.turno.scheduling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The practitioner rows and the services each gives; every statement is tenant-scoped. */
@Repository
class Practitioners {

    private static final String VIEW = """
            SELECT p.id, p.user_id, p.display_name, p.time_zone, p.active, p.created_at, p.updated_at,
                   ARRAY(SELECT s.service_id FROM scheduling_practitioner_services s
                         WHERE s.practitioner_id = p.id ORDER BY s.service_id) AS service_ids
            FROM scheduling_practitioners p
            """;

    private final JdbcClient jdbc;

    Practitioners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResult<PractitionerView> page(TenantId tenant, UUID serviceId, Boolean active, int page, int size) {
        String where = """
                WHERE p.tenant_id = :tenant
                  AND (CAST(:active AS boolean) IS NULL OR p.active = :active)
                  AND (CAST(:service AS uuid) IS NULL OR EXISTS (SELECT 1 FROM scheduling_practitioner_services s
                       WHERE s.practitioner_id = p.id AND s.service_id = :service))
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        params.put("active", active);
        params.put("service", serviceId);
        long total = jdbc.sql("SELECT count(*) FROM scheduling_practitioners p " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY lower(p.display_name), p.id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(Practitioners::view)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<PractitionerView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE p.tenant_id = :tenant AND p.id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(Practitioners::view)
                .optional();
    }

    Optional<PractitionerView> findByUser(TenantId tenant, UUID userId) {
        return jdbc.sql(VIEW + " WHERE p.tenant_id = :tenant AND p.user_id = :user")
                .param("tenant", tenant.value())
                .param("user", userId)
                .query(Practitioners::view)
                .optional();
    }

    /** Throws {@code DuplicateKeyException} when the user already is a practitioner of the tenant. */
    void insert(TenantId tenant, UUID id, UUID userId, String displayName, String timeZone, boolean active) {
        jdbc.sql("""
                INSERT INTO scheduling_practitioners (id, tenant_id, user_id, display_name, time_zone, active)
                VALUES (:id, :tenant, :user, :name, :zone, :active)
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("user", userId)
                .param("name", displayName)
                .param("zone", timeZone)
                .param("active", active)
                .update();
    }

    /** Throws {@code DuplicateKeyException} when the user already is another practitioner of the tenant. */
    void update(TenantId tenant, UUID id, UUID userId, String displayName, String timeZone, boolean active) {
        jdbc.sql("""
                UPDATE scheduling_practitioners SET user_id = :user, display_name = :name, time_zone = :zone,
                       active = :active, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("user", userId)
                .param("name", displayName)
                .param("zone", timeZone)
                .param("active", active)
                .update();
    }

    void updateTimeZone(TenantId tenant, UUID id, String timeZone) {
        jdbc.sql("UPDATE scheduling_practitioners SET time_zone = :zone, updated_at = now() "
                        + "WHERE tenant_id = :tenant AND id = :id")
                .param("zone", timeZone)
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    /** Whether the practitioner was active until now. */
    boolean deactivate(TenantId tenant, UUID id) {
        return jdbc.sql("UPDATE scheduling_practitioners SET active = FALSE, updated_at = now() "
                                + "WHERE tenant_id = :tenant AND id = :id AND active")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    void replaceServices(TenantId tenant, UUID id, Collection<UUID> serviceIds) {
        jdbc.sql("DELETE FROM scheduling_practitioner_services WHERE tenant_id = :tenant AND practitioner_id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
        for (UUID serviceId : serviceIds) {
            jdbc.sql("""
                    INSERT INTO scheduling_practitioner_services (tenant_id, practitioner_id, service_id)
                    VALUES (:tenant, :id, :service)
                    """)
                    .param("tenant", tenant.value())
                    .param("id", id)
                    .param("service", serviceId)
                    .update();
        }
    }

    /** Waits for the demo seeding's lock, held until the transaction ends. */
    void lockDemoSeeding() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('turno.scheduling.demo'))")
                .query()
                .singleRow();
    }

    private static PractitionerView view(ResultSet rs, int row) throws SQLException {
        UUID[] services = (UUID[]) rs.getArray("service_ids").getArray();
        return new PractitionerView(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("display_name"),
                rs.getString("time_zone"),
                List.of(services),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
