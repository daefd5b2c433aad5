package io.turno.queueing;

import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** The customer did not come when called; {@code automatic} when the recall limit closed it. */
public record TicketNoShow(
        TenantId tenantId, UUID ticketId, UUID branchId, UUID queueId, UUID customerId, boolean automatic, Instant at)
        implements TenantEvent {}
