package io.turno.queueing;

import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** A customer took a ticket; {@code customerId} is null for an anonymous ticket. */
public record TicketIssued(
        TenantId tenantId,
        UUID ticketId,
        UUID branchId,
        UUID queueId,
        UUID serviceId,
        UUID customerId,
        String number,
        Instant issuedAt)
        implements TenantEvent {}
