package io.turno.queueing;

import java.util.List;
import java.util.UUID;

import io.turno.shared.TenantId;

/** Where waiting tickets stand in their queue, for a message before the call ("your turn is near"). */
public interface QueuePositions {

    /** {@code position} counts from 1: the ticket the queue's desks would call next. */
    record QueuedTicket(UUID ticketId, String number, UUID customerId, int position) {}

    /** The first {@code count} waiting tickets of the queue, in the order its branch calls them. */
    List<QueuedTicket> first(TenantId tenant, UUID queueId, int count);
}
