package io.turno.queueing;

import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/**
 * A branch's tickets changed (issued, called, finished, moved), on whichever instance: every instance
 * publishes it as PostgreSQL announces the committed change, to listeners of its own. It is not stored and
 * not replayed; a listener that must not miss one reads the figures again on a timer as well.
 */
public record QueueChanged(TenantId tenantId, UUID branchId) implements TenantEvent {}
