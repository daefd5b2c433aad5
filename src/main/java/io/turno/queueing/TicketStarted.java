package io.turno.queueing;

import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** The desk that called the ticket began serving it. */
public record TicketStarted(TenantId tenantId, UUID ticketId, UUID branchId, UUID queueId, UUID deskId, Instant at)
        implements TenantEvent {}
