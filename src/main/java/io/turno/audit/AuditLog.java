package io.turno.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Records audit entries inside the caller's transaction, so a change and its record commit together;
 * the database links each entry into its tenant's hash chain at that commit.
 */
public interface AuditLog {

    void record(AuditEntry entry);

    /**
     * Records the entries in order, as {@link #record} one by one would, in one round trip (for
     * batch jobs). Entries join their chain, in the order written, when the transaction commits.
     */
    void recordAll(java.util.List<AuditEntry> entries);

    /** Walks the tenant's hash chain (the platform's when {@code tenantId} is null). */
    ChainVerification verify(TenantId tenantId);

    /** The tenant's entries matching every non-null criterion, newest first. */
    PageResult<AuditRecord> search(TenantId tenantId, AuditQuery query, int page, int size);

    /** {@code firstBrokenId} is null when the chain is intact. */
    record AuditQuery(String actor, String action, String entity, Instant from, Instant to) {}

    record AuditRecord(
            long id,
            @Nullable UUID actorId,
            @Nullable String actorName,
            String action,
            @Nullable String entityType,
            @Nullable String entityId,
            Map<String, Object> summary,
            @Nullable String ip,
            Instant occurredAt,
            String hash) {}

    record ChainVerification(
            boolean valid, long checked, @Nullable Long firstBrokenId) {}
}
