package io.turno.queueing;

import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** A waiting or called ticket was cancelled, with the reason given if any. */
public record TicketCancelled(
        TenantId tenantId, UUID ticketId, UUID branchId, UUID queueId, UUID customerId, String reason, Instant at)
        implements TenantEvent {}
