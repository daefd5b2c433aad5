package io.turno.queueing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.turno.shared.TenantId;

/** Where waiting tickets stand in their queue, for a message before the call ("your turn is near"). */
public interface QueuePositions {

    /** {@code position} counts from 1: the ticket the queue's desks would call next. */
    record QueuedTicket(UUID ticketId, String number, UUID customerId, int position) {}

    /** The first {@code count} waiting tickets of the queue, in the order its branch calls them. */
    List<QueuedTicket> first(TenantId tenant, UUID queueId, int count);

    /** One's own waiting ticket: its number, its queue and branch, and its place in the queue (from 1). */
    record OwnTicket(
            UUID ticketId, String number, String queueName, String branchName, Instant issuedAt, int position) {}

    /** The customer's tickets waiting now, oldest first, each with its place by its branch's call policy. */
    List<OwnTicket> waitingOf(TenantId tenant, UUID customerId);
}
