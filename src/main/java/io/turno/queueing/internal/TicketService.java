package io.turno.queueing.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.customers.NewCustomer;
import io.turno.queueing.TicketCalled;
import io.turno.queueing.TicketCancelled;
import io.turno.queueing.TicketCompleted;
import io.turno.queueing.TicketNoShow;
import io.turno.queueing.TicketStarted;
import io.turno.queueing.TicketTransferred;
import io.turno.queueing.internal.QueueingFailures.DeskBusy;
import io.turno.queueing.internal.QueueingFailures.InvalidTransition;
import io.turno.queueing.internal.QueueingFailures.Unusable;
import io.turno.scheduling.Appointments;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a ticket: issued into the queue with the least expected wait, called by a desk by
 * the branch's policy, served, or closed otherwise. Every change is a row in the ticket's history
 * and, where other modules care, an event.
 */
@Service
public class TicketService {

    /** Exactly one of {@code customerId} and {@code customer}, or neither for an anonymous ticket. */
    public record IssueCommand(UUID branchId, UUID serviceId, UUID customerId, NewCustomer customer, UUID priorityId) {}

    public record IssuedTicket(
            UUID id, String number, UUID queueId, int position, long estimatedWaitSeconds, String statusUrl) {}

    /** Exactly one of the two. */
    public record TransferTarget(UUID queueId, UUID deskId) {}

    /** When a service states no duration, a turn is expected to take this long. */
    static final Duration DEFAULT_SERVICE_TIME = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tickets tickets;
    private final Branches branches;
    private final Priorities priorities;
    private final Desks desks;
    private final Queues queues;
    private final ServiceCatalog catalog;
    private final Customers customers;
    private final PrioritySeeder seeder;
    private final ApplicationEventPublisher events;
    private final Boards boards;
    private final TicketDispenser dispenser;
    private final Clock clock;
    private final Appointments appointments;

    TicketService(
            Tickets tickets,
            Branches branches,
            Priorities priorities,
            Desks desks,
            Queues queues,
            ServiceCatalog catalog,
            Customers customers,
            PrioritySeeder seeder,
            ApplicationEventPublisher events,
            Boards boards,
            TicketDispenser dispenser,
            Clock clock,
            Appointments appointments) {
        this.appointments = appointments;
        this.dispenser = dispenser;
        this.boards = boards;
        this.tickets = tickets;
        this.branches = branches;
        this.priorities = priorities;
        this.desks = desks;
        this.queues = queues;
        this.catalog = catalog;
        this.customers = customers;
        this.seeder = seeder;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Not one transaction: the customer is registered on its own, and the ticket is written with
     * the others arriving for the same queue at that moment (see {@link TicketDispenser}).
     */
    public IssuedTicket issue(Actor actor, IssueCommand command) {
        TenantId tenant = actor.tenantId();
        ServiceView service = catalog.find(tenant, command.serviceId())
                .orElseThrow(
                        () -> new Unusable("El servicio " + command.serviceId() + " no existe en la organización."));
        if (!service.active() || !service.walkIn()) {
            throw new Unusable("El servicio " + service.name()
                    + (service.active() ? " no se atiende por turno." : " está inactivo."));
        }
        var context = branches.issueContext(tenant, command.branchId(), service.id())
                .orElseThrow(() -> new Unusable("La sede " + command.branchId() + " no existe en la organización."));
        var branch = context.branch();
        if (!branch.active()) {
            throw new Unusable("La sede está inactiva: no entrega turnos.");
        }
        if (context.queues().isEmpty()) {
            throw new Unusable("Ninguna cola activa de la sede atiende " + service.name() + ".");
        }
        CustomerView customer = customer(actor, command);
        Instant now = clock.instant();
        var priority = withAppointment(
                tenant,
                customer,
                LocalDate.ofInstant(now, branch.zone()),
                priority(tenant, command.priorityId(), customer, context.defaultPriority()));

        String token = token();
        var ticket = new Tickets.NewTicket(
                UUID.randomUUID(),
                service.id(),
                customer == null ? null : customer.id(),
                priority,
                now,
                token,
                actor.userId());
        var placed = dispenser.issue(
                tenant,
                branch.id(),
                context.queues(),
                serviceTime(service),
                LocalDate.ofInstant(now, branch.zone()),
                ticket);
        return new IssuedTicket(
                ticket.id(),
                placed.number(),
                placed.queue().id(),
                placed.ahead() + 1,
                Math.round(expectedWait(placed.ahead(), placed.desks(), serviceTime(service))),
                "/api/v1/public/tickets/" + token);
    }

    private static Duration serviceTime(ServiceView service) {
        return service.durationMinutes() == null ? DEFAULT_SERVICE_TIME : Duration.ofMinutes(service.durationMinutes());
    }

    /** The ticket the desk calls now, or empty when nothing waits in its queues or overflow queues. */
    @Transactional
    public Optional<TicketView> callNext(Actor actor, UUID deskId) {
        TenantId tenant = actor.tenantId();
        var context = desks.context(tenant, deskId).orElseThrow(() -> new NotFound("Ventanilla", deskId));
        var desk = context.desk();
        if (!desk.active()) {
            throw new Unusable("La ventanilla " + desk.name() + " está inactiva.");
        }
        if (context.openNumber() != null) {
            throw new DeskBusy(desk.name(), context.openNumber(), context.openStatus());
        }
        Instant now = clock.instant();
        Optional<TicketView> called = tickets.callNext(tenant, deskId, false, context.policy(), actor.userId(), now);
        if (called.isEmpty() && !desk.overflow().isEmpty()) {
            called = tickets.callNext(tenant, deskId, true, context.policy(), actor.userId(), now);
        }
        called.ifPresent(ticket -> events.publishEvent(new TicketCalled(
                tenant,
                ticket.id(),
                ticket.branchId(),
                ticket.queueId(),
                deskId,
                desk.name(),
                ticket.customerId(),
                ticket.number(),
                0,
                now)));
        return called;
    }

    /** Calls the ticket again; past the branch's recall limit it closes as a no-show instead. */
    @Transactional
    public TicketView recall(Actor actor, UUID id) {
        TenantId tenant = actor.tenantId();
        var ticket = require(tenant, id, "volver a llamar", TicketStatus.CALLED);
        var branch = branches.rules(tenant, ticket.branchId()).orElseThrow();
        Instant now = clock.instant();
        if (ticket.recalls() >= branch.maxRecalls()) {
            return closeNoShow(actor, id, true, now);
        }
        tickets.recall(tenant, id);
        tickets.event(
                tenant,
                id,
                "RECALLED",
                TicketStatus.CALLED,
                TicketStatus.CALLED,
                ticket.queueId(),
                ticket.deskId(),
                actor.userId(),
                Map.of("recall", ticket.recalls() + 1),
                now);
        boards.changed(tenant, ticket.branchId());
        events.publishEvent(new TicketCalled(
                tenant,
                id,
                ticket.branchId(),
                ticket.queueId(),
                ticket.deskId(),
                ticket.deskName(),
                ticket.customerId(),
                ticket.number(),
                ticket.recalls() + 1,
                now));
        return tickets.find(tenant, id).orElseThrow();
    }

    @Transactional
    public TicketView start(Actor actor, UUID id) {
        TenantId tenant = actor.tenantId();
        var ticket = require(tenant, id, "iniciar la atención", TicketStatus.CALLED);
        Instant now = clock.instant();
        tickets.start(tenant, id, now);
        boards.changed(tenant, ticket.branchId());
        tickets.event(
                tenant,
                id,
                "STARTED",
                TicketStatus.CALLED,
                TicketStatus.IN_SERVICE,
                ticket.queueId(),
                ticket.deskId(),
                actor.userId(),
                Map.of(),
                now);
        events.publishEvent(new TicketStarted(tenant, id, ticket.branchId(), ticket.queueId(), ticket.deskId(), now));
        return tickets.find(tenant, id).orElseThrow();
    }

    /** Served: from IN_SERVICE, or straight from CALLED when the desk does not mark the start. */
    @Transactional
    public TicketView complete(Actor actor, UUID id) {
        TenantId tenant = actor.tenantId();
        Instant now = clock.instant();
        var completed = close(
                tenant,
                id,
                "completar",
                Set.of(TicketStatus.CALLED, TicketStatus.IN_SERVICE),
                TicketStatus.COMPLETED,
                null,
                actor.userId(),
                Map.of(),
                now);
        events.publishEvent(new TicketCompleted(
                tenant,
                id,
                completed.branchId(),
                completed.queueId(),
                completed.deskId(),
                completed.customerId(),
                Duration.between(completed.issuedAt(), completed.calledAt()).toSeconds(),
                Duration.between(completed.startedAt(), now).toSeconds(),
                now));
        return completed;
    }

    @Transactional
    public TicketView noShow(Actor actor, UUID id) {
        return closeNoShow(actor, id, false, clock.instant());
    }

    @Transactional
    public TicketView cancel(Actor actor, UUID id, String reason) {
        Instant now = clock.instant();
        var cancelled = close(
                actor.tenantId(),
                id,
                "cancelar",
                Set.of(TicketStatus.WAITING, TicketStatus.CALLED),
                TicketStatus.CANCELLED,
                reason,
                actor.userId(),
                reason == null ? Map.of() : Map.of("reason", reason),
                now);
        events.publishEvent(new TicketCancelled(
                actor.tenantId(), id, cancelled.branchId(), cancelled.queueId(), cancelled.customerId(), reason, now));
        return cancelled;
    }

    /**
     * Sends the ticket to another queue of its branch, or to one desk, to wait again with its
     * arrival time and number kept, so it does not lose its place.
     */
    @Transactional
    public TicketView transfer(Actor actor, UUID id, TransferTarget target) {
        if ((target.queueId() == null) == (target.deskId() == null)) {
            throw new Unusable("Indica queue_id o desk_id: la cola o la ventanilla de destino, una de las dos.");
        }
        TenantId tenant = actor.tenantId();
        var ticket =
                require(tenant, id, "transferir", TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.IN_SERVICE);
        UUID queue = ticket.queueId();
        UUID desk = null;
        if (target.deskId() != null) {
            var toDesk = desks.desk(tenant, target.deskId())
                    .filter(d -> d.branchId().equals(ticket.branchId()) && d.active())
                    .orElseThrow(
                            () -> new Unusable("La ventanilla de destino no existe, está inactiva o es de otra sede."));
            desk = toDesk.id();
        } else {
            queue = queues.activeIds(tenant, ticket.branchId()).stream()
                    .filter(q -> q.equals(target.queueId()))
                    .findFirst()
                    .orElseThrow(() -> new Unusable("La cola de destino no existe, está inactiva o es de otra sede."));
        }
        Instant now = clock.instant();
        tickets.moveTo(tenant, id, queue, desk);
        tickets.event(
                tenant,
                id,
                "TRANSFERRED",
                ticket.status(),
                TicketStatus.WAITING,
                queue,
                desk,
                actor.userId(),
                Map.of("from_queue", ticket.queueId().toString(), "reason", "TRANSFER"),
                now);
        boards.changed(tenant, ticket.branchId());
        events.publishEvent(
                new TicketTransferred(tenant, id, ticket.branchId(), ticket.queueId(), queue, desk, "TRANSFER", now));
        return tickets.find(tenant, id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public TicketView get(Actor actor, UUID id) {
        TenantId tenant = actor.tenantId();
        return tickets.find(tenant, id)
                .orElseThrow(() -> new NotFound("Turno", id))
                .withHistory(tickets.history(tenant, id));
    }

    private TicketView closeNoShow(Actor actor, UUID id, boolean automatic, Instant now) {
        TenantId tenant = actor.tenantId();
        var closed = close(
                tenant,
                id,
                "marcar como no presentado",
                Set.of(TicketStatus.CALLED),
                TicketStatus.NO_SHOW,
                automatic ? "RECALL_LIMIT" : null,
                actor.userId(),
                Map.of("automatic", automatic),
                now);
        events.publishEvent(
                new TicketNoShow(tenant, id, closed.branchId(), closed.queueId(), closed.customerId(), automatic, now));
        return closed;
    }

    /**
     * Closes the ticket in one statement, which also locks it and checks its state; otherwise 404,
     * or 409 naming its state. One round trip less than locking first, and the lock is held shorter.
     */
    private TicketView close(
            TenantId tenant,
            UUID id,
            String action,
            Set<TicketStatus> allowed,
            TicketStatus status,
            String reason,
            UUID actor,
            Map<String, ?> detail,
            Instant now) {
        return tickets.close(tenant, id, allowed, status, reason, actor, detail, now)
                .orElseThrow(() -> {
                    var ticket = tickets.find(tenant, id).orElseThrow(() -> new NotFound("Turno", id));
                    return new InvalidTransition(ticket.number(), ticket.status(), action);
                });
    }

    /** The ticket, locked, when it is in one of {@code allowed}; otherwise 409 naming its state. */
    private TicketView require(TenantId tenant, UUID id, String action, TicketStatus... allowed) {
        var ticket = tickets.lock(tenant, id).orElseThrow(() -> new NotFound("Turno", id));
        if (!List.of(allowed).contains(ticket.status())) {
            throw new InvalidTransition(ticket.number(), ticket.status(), action);
        }
        return ticket;
    }

    private CustomerView customer(Actor actor, IssueCommand command) {
        if (command.customerId() != null && command.customer() != null) {
            throw new Unusable("Indica customer_id o customer, no ambos.");
        }
        if (command.customerId() != null) {
            return customers
                    .find(actor.tenantId(), command.customerId())
                    .orElseThrow(() ->
                            new Unusable("El cliente " + command.customerId() + " no existe en la organización."));
        }
        return command.customer() == null ? null : customers.findOrCreate(actor.tenantId(), command.customer(), actor);
    }

    private Priorities.Priority priority(
            TenantId tenant, UUID requested, CustomerView customer, Optional<Priorities.Priority> tenantDefault) {
        if (requested != null) {
            var priority = priorities
                    .priority(tenant, requested)
                    .orElseThrow(() -> new Unusable("La prioridad " + requested + " no existe en la organización."));
            if (!priority.active()) {
                throw new Unusable("La prioridad " + priority.name() + " está inactiva.");
            }
            return priority;
        }
        // A customer's usual priority applies while it exists and is active; otherwise the tenant's default.
        var usual = customer == null || customer.defaultPriorityId() == null
                ? Optional.<Priorities.Priority>empty()
                : priorities.priority(tenant, customer.defaultPriorityId()).filter(Priorities.Priority::active);
        if (usual.isPresent()) {
            return usual.get();
        }
        return tenantDefault.orElseGet(() -> {
            seeder.seed(tenant);
            return priorities.defaultPriority(tenant).orElseThrow();
        });
    }

    /**
     * A customer with an appointment today (the branch's today) is served as an appointment holder,
     * unless the priority chosen or usual for them already weighs more.
     */
    private Priorities.Priority withAppointment(
            TenantId tenant, CustomerView customer, LocalDate today, Priorities.Priority chosen) {
        if (customer == null) {
            return chosen;
        }
        return priorities
                .appointmentPriority(tenant)
                .filter(holder -> holder.weight() > chosen.weight())
                .filter(holder -> appointments.hasAppointmentOn(tenant, customer.id(), today))
                .orElse(chosen);
    }

    /** Seconds until a newcomer behind {@code waiting} tickets is called, with the queue's desks working. */
    static double expectedWait(int waiting, int desks, Duration serviceTime) {
        return waiting * (double) serviceTime.toSeconds() / Math.max(1, desks);
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
