package io.turno.queueing;

import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** A ticket was served; waiting and service times are in seconds. */
public record TicketCompleted(
        TenantId tenantId,
        UUID ticketId,
        UUID branchId,
        UUID queueId,
        UUID deskId,
        UUID customerId,
        long waitSeconds,
        long serviceSeconds,
        Instant completedAt)
        implements TenantEvent {}
