package io.turno.audit;

import java.util.Map;
import java.util.UUID;

import io.turno.shared.Actor;
import io.turno.shared.RequestContext;
import io.turno.shared.TenantId;

/**
 * One audited fact: who ({@code actorId}, {@code actorName}) did what ({@code action}) to which
 * entity, with a small before/after {@code summary}. {@code tenantId} is null for platform actions.
 */
public record AuditEntry(
        TenantId tenantId,
        UUID actorId,
        String actorName,
        String action,
        String entityType,
        String entityId,
        Map<String, ?> summary,
        String ip) {

    public AuditEntry {
        summary = summary == null ? Map.of() : summary;
    }

    /** An entry from the address of the request being served (none for jobs and listeners). */
    public AuditEntry(
            TenantId tenantId,
            UUID actorId,
            String actorName,
            String action,
            String entityType,
            String entityId,
            Map<String, ?> summary) {
        this(tenantId, actorId, actorName, action, entityType, entityId, summary, RequestContext.currentClientIp());
    }

    /** What {@code actor} did in their organization, from the address of the request being served. */
    public static AuditEntry by(
            Actor actor, String action, String entityType, String entityId, Map<String, ?> summary) {
        return new AuditEntry(
                actor.tenantId(), actor.userId(), actor.username(), action, entityType, entityId, summary);
    }

    /** The summary of an update: the entity as it was and as it is, in that order. */
    public static Map<String, Object> change(Object before, Object after) {
        var summary = new java.util.LinkedHashMap<String, Object>();
        summary.put("before", before);
        summary.put("after", after);
        return summary;
    }
}
