package io.turno.queueing;

import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/**
 * A ticket moved to another queue or desk, keeping its arrival time; {@code reason} is
 * {@code TRANSFER} (by a person) or {@code REBALANCE} (automatic).
 */
public record TicketTransferred(
        TenantId tenantId,
        UUID ticketId,
        UUID branchId,
        UUID fromQueueId,
        UUID toQueueId,
        UUID toDeskId,
        String reason,
        Instant at)
        implements TenantEvent {}
