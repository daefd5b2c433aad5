package io.turno.audit;

import io.turno.shared.TenantId;

/** Records audit entries inside the caller's transaction, so a change and its record commit together. */
public interface AuditLog {

    void record(AuditEntry entry);

    /** Walks the tenant's hash chain (the platform's when {@code tenantId} is null). */
    ChainVerification verify(TenantId tenantId);

    /** {@code firstBrokenId} is null when the chain is intact. */
    record ChainVerification(boolean valid, long checked, Long firstBrokenId) {
    }
}
