package io.turno.queueing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.queueing.internal.BranchService.BranchCommand;
import io.turno.queueing.internal.BranchService.BranchView;
import io.turno.queueing.internal.OpeningHours.Interval;
import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's branches; every statement names its tenant. */
@Repository
class Branches {

    private static final TypeReference<Map<String, List<Interval>>> HOURS = new TypeReference<>() {
    };

    private static final String VIEW = """
            SELECT id, name, address, time_zone, opening_hours::text AS opening_hours, call_policy, max_recalls,
                   rebalance_threshold, active, created_at, updated_at
            FROM queueing_branches
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Branches(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    PageResult<BranchView> page(TenantId tenant, String text, Boolean active, int page, int size) {
        String where = """
                WHERE tenant_id = :t
                  AND (CAST(:text AS text) IS NULL OR name ILIKE '%' || :text || '%' OR address ILIKE '%' || :text || '%')
                  AND (CAST(:active AS boolean) IS NULL OR active = :active)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("t", tenant.value());
        params.put("text", Like.text(text));
        params.put("active", active);
        long total = jdbc.sql("SELECT count(*) FROM queueing_branches " + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY lower(name), id LIMIT :limit OFFSET :offset")
                .params(params).query(this::view).list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<BranchView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :t AND id = :id").param("t", tenant.value()).param("id", id)
                .query(this::view).optional();
    }

    boolean any(TenantId tenant) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM queueing_branches WHERE tenant_id = :t)")
                .param("t", tenant.value()).query(Boolean.class).single();
    }

    void insert(TenantId tenant, UUID id, BranchCommand branch) {
        jdbc.sql("""
                INSERT INTO queueing_branches (id, tenant_id, name, address, time_zone, opening_hours, call_policy,
                                               max_recalls, rebalance_threshold, active)
                VALUES (:id, :t, :name, :address, :zone, CAST(:hours AS jsonb), :policy, :recalls, :threshold, :active)
                """)
                .param("id", id).param("t", tenant.value()).params(columns(branch)).update();
    }

    void update(TenantId tenant, UUID id, BranchCommand branch) {
        jdbc.sql("""
                UPDATE queueing_branches
                SET name = :name, address = :address, time_zone = :zone, opening_hours = CAST(:hours AS jsonb),
                    call_policy = :policy, max_recalls = :recalls, rebalance_threshold = :threshold, active = :active,
                    updated_at = now()
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id).param("t", tenant.value()).params(columns(branch)).update();
    }

    boolean deactivate(TenantId tenant, UUID id) {
        return jdbc.sql("UPDATE queueing_branches SET active = FALSE, updated_at = now() WHERE tenant_id = :t AND id = :id AND active")
                .param("t", tenant.value()).param("id", id).update() == 1;
    }

    private Map<String, Object> columns(BranchCommand branch) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("name", branch.name());
        columns.put("address", branch.address());
        columns.put("zone", branch.timeZone());
        columns.put("hours", json.writeValueAsString(branch.openingHours()));
        columns.put("policy", branch.callPolicy().name());
        columns.put("recalls", branch.maxRecalls());
        columns.put("threshold", branch.rebalanceThreshold());
        columns.put("active", branch.active());
        return columns;
    }

    private BranchView view(ResultSet rs, int row) throws SQLException {
        return new BranchView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("address"),
                rs.getString("time_zone"), OpeningHours.normalize(json.readValue(rs.getString("opening_hours"), HOURS)),
                CallPolicy.valueOf(rs.getString("call_policy")), rs.getInt("max_recalls"),
                rs.getInt("rebalance_threshold"), rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
