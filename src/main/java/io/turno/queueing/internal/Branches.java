package io.turno.queueing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.queueing.internal.BranchService.BranchCommand;
import io.turno.queueing.internal.BranchService.BranchView;
import io.turno.queueing.internal.OpeningHours.Interval;
import io.turno.queueing.internal.Priorities.Priority;
import io.turno.queueing.internal.QueueingDirectory.BranchOption;
import io.turno.queueing.internal.Queues.QueueSlot;
import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's branches and what the ticket engine reads of them; every statement names its tenant. */
@Repository
class Branches {

    /** What the ticket engine reads of a branch. */
    record Rules(UUID id, ZoneId zone, CallPolicy policy, int maxRecalls, int rebalanceThreshold, boolean active) {}

    /** What issuing needs about a branch, in one round trip: the branch, the default priority, the queues. */
    record IssueContext(Rules branch, Optional<Priority> defaultPriority, List<QueueSlot> queues) {}

    private static final String RULES = """
            SELECT id, time_zone, call_policy, max_recalls, rebalance_threshold, active FROM queueing_branches
            """;

    private static final TypeReference<Map<String, List<Interval>>> HOURS = new TypeReference<>() {};

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
        long total = jdbc.sql("SELECT count(*) FROM queueing_branches " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY lower(name), id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(this::view)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<BranchView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(this::view)
                .optional();
    }

    boolean any(TenantId tenant) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM queueing_branches WHERE tenant_id = :t)")
                .param("t", tenant.value())
                .query(Boolean.class)
                .single();
    }

    void insert(TenantId tenant, UUID id, BranchCommand branch) {
        jdbc.sql("""
                INSERT INTO queueing_branches (id, tenant_id, name, address, time_zone, opening_hours, call_policy,
                                               max_recalls, rebalance_threshold, active)
                VALUES (:id, :t, :name, :address, :zone, CAST(:hours AS jsonb), :policy, :recalls, :threshold, :active)
                """)
                .param("id", id)
                .param("t", tenant.value())
                .params(columns(branch))
                .update();
    }

    void update(TenantId tenant, UUID id, BranchCommand branch) {
        jdbc.sql("""
                UPDATE queueing_branches
                SET name = :name, address = :address, time_zone = :zone, opening_hours = CAST(:hours AS jsonb),
                    call_policy = :policy, max_recalls = :recalls, rebalance_threshold = :threshold, active = :active,
                    updated_at = now()
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant.value())
                .params(columns(branch))
                .update();
    }

    boolean deactivate(TenantId tenant, UUID id) {
        return jdbc.sql(
                                "UPDATE queueing_branches SET active = FALSE, updated_at = now() WHERE tenant_id = :t AND id = :id AND active")
                        .param("t", tenant.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    Optional<Rules> rules(TenantId tenant, UUID id) {
        return jdbc.sql(RULES + "WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Branches::rules)
                .optional();
    }

    List<Rules> activeRules(TenantId tenant) {
        return jdbc.sql(RULES + "WHERE tenant_id = :t AND active")
                .param("t", tenant.value())
                .query(Branches::rules)
                .list();
    }

    /** Every branch of the tenant, active or not. */
    List<Rules> allRules(TenantId tenant) {
        return jdbc.sql(RULES + "WHERE tenant_id = :t")
                .param("t", tenant.value())
                .query(Branches::rules)
                .list();
    }

    Optional<IssueContext> issueContext(TenantId tenant, UUID branch, UUID service) {
        return jdbc.sql("""
                SELECT b.id, b.time_zone, b.call_policy, b.max_recalls, b.rebalance_threshold, b.active,
                       p.id AS p_id, p.name AS p_name, p.weight AS p_weight, p.active AS p_active,
                       (SELECT coalesce(json_agg(json_build_array(q.id, q.prefix) ORDER BY q.prefix), '[]')
                        FROM queueing_queues q JOIN queueing_queue_services s ON s.queue_id = q.id
                        WHERE q.tenant_id = :t AND q.branch_id = b.id AND s.service_id = :service AND q.active
                       )::text AS queues
                FROM queueing_branches b
                LEFT JOIN queueing_priorities p ON p.tenant_id = b.tenant_id AND p.is_default
                WHERE b.tenant_id = :t AND b.id = :branch
                """)
                .param("t", tenant.value())
                .param("branch", branch)
                .param("service", service)
                .query((rs, n) -> new IssueContext(
                        rules(rs, n),
                        rs.getObject("p_id") == null
                                ? Optional.empty()
                                : Optional.of(new Priority(
                                        rs.getObject("p_id", UUID.class),
                                        rs.getString("p_name"),
                                        rs.getInt("p_weight"),
                                        rs.getBoolean("p_active"))),
                        queueSlots(rs.getString("queues"))))
                .optional();
    }

    /** The tenant's active branches, by name. */
    List<BranchOption> options(TenantId tenant) {
        return jdbc.sql("SELECT id, name, active FROM queueing_branches WHERE tenant_id = :t AND active ORDER BY name")
                .param("t", tenant.value())
                .query(Branches::option)
                .list();
    }

    Optional<BranchOption> option(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT id, name, active FROM queueing_branches WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Branches::option)
                .optional();
    }

    /** Held until the transaction ends: instances seeding the demo office at once take turns. */
    void awaitSeedingTurn() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('turno.queueing.demo'))")
                .query()
                .singleRow();
    }

    private List<QueueSlot> queueSlots(String json) {
        var slots = new java.util.ArrayList<QueueSlot>();
        for (var row : this.json.readTree(json)) {
            slots.add(new QueueSlot(
                    UUID.fromString(row.get(0).asString()), row.get(1).asString()));
        }
        return slots;
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
        return new BranchView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("address"),
                rs.getString("time_zone"),
                OpeningHours.normalize(json.readValue(rs.getString("opening_hours"), HOURS)),
                CallPolicy.valueOf(rs.getString("call_policy")),
                rs.getInt("max_recalls"),
                rs.getInt("rebalance_threshold"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Rules rules(ResultSet rs, int row) throws SQLException {
        return new Rules(
                rs.getObject("id", UUID.class),
                ZoneId.of(rs.getString("time_zone")),
                CallPolicy.valueOf(rs.getString("call_policy")),
                rs.getInt("max_recalls"),
                rs.getInt("rebalance_threshold"),
                rs.getBoolean("active"));
    }

    private static BranchOption option(ResultSet rs, int row) throws SQLException {
        return new BranchOption(rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("active"));
    }
}
