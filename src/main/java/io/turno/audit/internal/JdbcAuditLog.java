package io.turno.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The audit log in PostgreSQL: {@code audit_log}, whose hash chains the database links at commit (audit/V5). */
@Repository
class JdbcAuditLog implements AuditLog {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Written unlinked: the database links the entry into its chain as the transaction commits
     * (audit/V5), so a writer holds its chain's lock only for that moment, never across a round
     * trip, and a rolled-back entry never touches the chain.
     */
    private static final String INSERT = """
            INSERT INTO audit_log (tenant_id, actor_id, actor_name, action, entity_type, entity_id, summary, ip, occurred_at)
            VALUES (:tenant, :actor, :actorName, :action, :entityType, :entityId, CAST(:summary AS jsonb), :ip, :at)
            """;

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        batch.update(INSERT, new MapSqlParameterSource(params(entry)));
    }

    /** The entries join their chains in this order when the transaction commits. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<AuditEntry> entries) {
        if (!entries.isEmpty()) {
            batch.batchUpdate(
                    INSERT,
                    entries.stream()
                            .map(e -> new MapSqlParameterSource(params(e)))
                            .toArray(MapSqlParameterSource[]::new));
        }
    }

    private Map<String, Object> params(AuditEntry entry) {
        var params = new HashMap<String, Object>();
        params.put("tenant", entry.tenantId() == null ? null : entry.tenantId().value());
        params.put("actor", entry.actorId());
        params.put("actorName", entry.actorName());
        params.put("action", entry.action());
        params.put("entityType", entry.entityType());
        params.put("entityId", entry.entityId());
        params.put("summary", json.writeValueAsString(entry.summary()));
        params.put("ip", entry.ip());
        params.put("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return params;
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<AuditRecord> search(TenantId tenantId, AuditQuery query, int page, int size) {
        String where = """
                WHERE tenant_id = :tenant
                  AND (CAST(:actor AS text) IS NULL OR actor_name = :actor)
                  AND (CAST(:action AS text) IS NULL OR action = :action)
                  AND (CAST(:entity AS text) IS NULL OR entity_type = :entity)
                  AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < :to)
                """;
        var params = new java.util.HashMap<String, Object>();
        params.put("tenant", tenantId.value());
        params.put("actor", query.actor());
        params.put("action", query.action());
        params.put("entity", query.entity());
        params.put("from", query.from() == null ? null : Timestamp.from(query.from()));
        params.put("to", query.to() == null ? null : Timestamp.from(query.to()));
        long total = jdbc.sql("SELECT count(*) FROM audit_log " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql("""
                SELECT id, actor_id, actor_name, action, entity_type, entity_id, summary::text AS summary, ip,
                       occurred_at, hash
                FROM audit_log
                """ + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, n) -> new AuditRecord(
                        rs.getLong("id"),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_name"),
                        rs.getString("action"),
                        rs.getString("entity_type"),
                        rs.getString("entity_id"),
                        summary(rs.getString("summary")),
                        rs.getString("ip"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("hash")))
                .list();
        return new PageResult<>(items, page, size, total);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> summary(String text) {
        return json.readValue(text, Map.class);
    }

    @Override
    @Transactional(readOnly = true)
    public ChainVerification verify(TenantId tenantId) {
        UUID tenant = tenantId == null ? null : tenantId.value();
        var walk = new Object() {
            String expectedPrev = GENESIS;
            long checked;
            Long firstBroken;
        };
        // In chain order; an entry without a place (only possible behind the database's back) breaks it first.
        jdbc.sql("""
                SELECT id, chain_seq, prev_hash, hash,
                       audit_entry_hash(prev_hash, tenant_id, actor_id, actor_name, action, entity_type, entity_id,
                                        summary, ip, occurred_at) AS recomputed
                FROM audit_log WHERE tenant_id IS NOT DISTINCT FROM CAST(:tenant AS uuid) ORDER BY chain_seq NULLS FIRST
                """).param("tenant", tenant).query(rs -> {
            if (walk.firstBroken != null) {
                return;
            }
            walk.checked++;
            String hash = rs.getString("hash");
            if (rs.getLong("chain_seq") != walk.checked
                    || !walk.expectedPrev.equals(rs.getString("prev_hash"))
                    || hash == null
                    || !hash.equals(rs.getString("recomputed"))) {
                walk.firstBroken = rs.getLong("id");
            }
            walk.expectedPrev = hash;
        });
        return new ChainVerification(walk.firstBroken == null, walk.checked, walk.firstBroken);
    }
}
