package io.turno.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcAuditLog implements AuditLog {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        UUID tenant = entry.tenantId() == null ? null : entry.tenantId().value();
        // One writer per chain at a time; the lock ends with the caller's transaction.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:chain, 0))")
                .param("chain", "audit:" + Objects.toString(tenant, "platform"))
                .query().singleValue();
        jdbc.sql("""
                WITH prev AS (
                    SELECT coalesce((SELECT hash FROM audit_log WHERE tenant_id IS NOT DISTINCT FROM CAST(:tenant AS uuid)
                                     ORDER BY id DESC LIMIT 1), :genesis) AS hash)
                INSERT INTO audit_log (tenant_id, actor_id, actor_name, action, entity_type, entity_id, summary, ip,
                                       occurred_at, prev_hash, hash)
                SELECT CAST(:tenant AS uuid), CAST(:actor AS uuid), :actorName, :action, :entityType, :entityId, CAST(:summary AS jsonb), :ip,
                       :at, prev.hash,
                       audit_entry_hash(prev.hash, CAST(:tenant AS uuid), CAST(:actor AS uuid), :actorName, :action, :entityType, :entityId,
                                        CAST(:summary AS jsonb), :ip, :at)
                FROM prev
                """)
                .param("tenant", tenant)
                .param("genesis", GENESIS)
                .param("actor", entry.actorId())
                .param("actorName", entry.actorName())
                .param("action", entry.action())
                .param("entityType", entry.entityType())
                .param("entityId", entry.entityId())
                .param("summary", json.writeValueAsString(entry.summary()))
                .param("ip", entry.ip())
                .param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .update();
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
        jdbc.sql("""
                SELECT id, prev_hash, hash,
                       audit_entry_hash(prev_hash, tenant_id, actor_id, actor_name, action, entity_type, entity_id,
                                        summary, ip, occurred_at) AS recomputed
                FROM audit_log WHERE tenant_id IS NOT DISTINCT FROM CAST(:tenant AS uuid) ORDER BY id
                """)
                .param("tenant", tenant)
                .query(rs -> {
                    if (walk.firstBroken != null) {
                        return;
                    }
                    walk.checked++;
                    String hash = rs.getString("hash");
                    if (!walk.expectedPrev.equals(rs.getString("prev_hash")) || !hash.equals(rs.getString("recomputed"))) {
                        walk.firstBroken = rs.getLong("id");
                    }
                    walk.expectedPrev = hash;
                });
        return new ChainVerification(walk.firstBroken == null, walk.checked, walk.firstBroken);
    }
}
