package io.turno.queueing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.turno.customers.Customers;
import io.turno.queueing.TicketCalled;
import io.turno.queueing.internal.QueueingFailures.AlreadyTaken;
import io.turno.queueing.internal.QueueingFailures.DeskBusy;
import io.turno.queueing.internal.QueueingFailures.Unusable;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a desk's operator sees of the people waiting for it, and calling one of them by choice
 * rather than "call next" (someone who cannot wait standing, a number announced by mistake).
 */
@Service
public class DeskConsole {

    /** How many of those waiting the console lists: more do not fit an operator's glance. */
    static final int LISTED = 30;

    /** {@code customerName} is null unless the caller may see customer data (and the ticket has a customer). */
    public record WaitingTicket(
            UUID id,
            String number,
            String queueName,
            String priority,
            int weight,
            long waitedMinutes,
            String customerName,
            boolean transferredHere) {}

    private final Desks desks;
    private final Tickets tickets;
    private final DeskWaitingList waitingList;
    private final Customers customers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeskConsole(
            Desks desks,
            Tickets tickets,
            DeskWaitingList waitingList,
            Customers customers,
            ApplicationEventPublisher events,
            Clock clock) {
        this.desks = desks;
        this.tickets = tickets;
        this.waitingList = waitingList;
        this.customers = customers;
        this.events = events;
        this.clock = clock;
    }

    /** In calling order; with names only when {@code withNames} (the caller's permission to read customers). */
    @Transactional(readOnly = true)
    public List<WaitingTicket> waiting(Actor actor, UUID deskId, boolean withNames) {
        TenantId tenant = actor.tenantId();
        var context = context(tenant, deskId);
        Instant now = clock.instant();
        return waitingList.waiting(tenant, deskId, context.policy(), LISTED, now).stream()
                .map(w -> new WaitingTicket(
                        w.id(),
                        w.number(),
                        w.queueName(),
                        w.priority(),
                        w.weight(),
                        Math.max(0, Duration.between(w.issuedAt(), now).toMinutes()),
                        withNames && w.customerId() != null
                                ? customers
                                        .find(tenant, w.customerId())
                                        .map(c -> c.fullName())
                                        .orElse(null)
                                : null,
                        w.assignedHere()))
                .toList();
    }

    /**
     * Calls the chosen ticket at the desk. Of two desks choosing the same ticket one calls it; the
     * other is told it was taken ({@link AlreadyTaken}, 409) and calls nothing.
     */
    @Transactional
    public TicketView call(Actor actor, UUID deskId, UUID ticketId) {
        TenantId tenant = actor.tenantId();
        var context = context(tenant, deskId);
        var desk = context.desk();
        if (!desk.active()) {
            throw new Unusable("La ventanilla " + desk.name() + " está inactiva.");
        }
        if (context.openNumber() != null) {
            throw new DeskBusy(desk.name(), context.openNumber(), context.openStatus());
        }
        Instant now = clock.instant();
        var called = tickets.callChosen(tenant, deskId, ticketId, actor.userId(), now)
                .orElseThrow(() -> {
                    var ticket = tickets.find(tenant, ticketId).orElseThrow(() -> new NotFound("Turno", ticketId));
                    return ticket.status() == TicketStatus.WAITING
                            ? new Unusable("El turno " + ticket.number() + " no espera por esta ventanilla.")
                            : new AlreadyTaken(ticket.number(), ticket.status());
                });
        events.publishEvent(new TicketCalled(
                tenant,
                called.id(),
                called.branchId(),
                called.queueId(),
                deskId,
                desk.name(),
                called.customerId(),
                called.number(),
                0,
                now));
        return called;
    }

    private Desks.DeskContext context(TenantId tenant, UUID deskId) {
        return desks.context(tenant, deskId).orElseThrow(() -> new NotFound("Ventanilla", deskId));
    }
}
