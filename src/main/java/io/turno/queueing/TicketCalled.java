package io.turno.queueing;

import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/** A desk called a ticket, for the first time or again ({@code recall} counts the repeats). */
public record TicketCalled(
        TenantId tenantId,
        UUID ticketId,
        UUID branchId,
        UUID queueId,
        UUID deskId,
        String deskName,
        UUID customerId,
        String number,
        int recall,
        Instant calledAt)
        implements TenantEvent {}
