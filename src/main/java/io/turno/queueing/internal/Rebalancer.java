package io.turno.queueing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.TenantDirectory;
import io.turno.queueing.TicketTransferred;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 001's complaint is a crowded queue beside an idle desk. A queue with no one waiting and a
 * desk to serve it takes tickets, in calling order and keeping their arrival time, from a queue of
 * its branch whose wait exceeds the branch's threshold, for services both queues serve: half of
 * the excess, so the two end up alike. Every move is in the ticket's history and in the audit log.
 */
@Component
public class Rebalancer {

    private final Tickets tickets;
    private final Branches branches;
    private final Queues queues;
    private final TenantDirectory directory;
    private final TransactionTemplate transactions;
    private final Boards boards;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Rebalancer(
            Tickets tickets,
            Branches branches,
            Queues queues,
            TenantDirectory directory,
            TransactionTemplate transactions,
            Boards boards,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tickets = tickets;
        this.branches = branches;
        this.queues = queues;
        this.directory = directory;
        this.transactions = transactions;
        this.boards = boards;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Answers how many tickets moved. */
    public int run() {
        int moved = 0;
        for (var tenant : directory.tenants()) {
            moved += TenantScope.call(
                    tenant.id(),
                    () -> transactions.execute(status -> {
                        int count = 0;
                        for (var branch : branches.activeRules(tenant.id())) {
                            count += rebalance(tenant.id(), branch);
                        }
                        return count;
                    }));
        }
        return moved;
    }

    private int rebalance(TenantId tenant, Branches.Rules branch) {
        Instant now = clock.instant();
        var queues = this.queues.states(tenant, branch.id());
        int moved = 0;
        for (var empty :
                queues.stream().filter(q -> q.waiting() == 0 && q.desks() > 0).toList()) {
            var crowded = queues.stream()
                    .filter(q -> !q.id().equals(empty.id()) && q.waiting() > branch.rebalanceThreshold())
                    .sorted(Comparator.comparingInt(Queues.QueueState::waiting).reversed())
                    .toList();
            for (var from : crowded) {
                int share = (from.waiting() - branch.rebalanceThreshold() + 1) / 2;
                var movable = tickets.movable(tenant, from.id(), empty.services(), branch.policy(), share, now);
                for (var ticket : movable) {
                    move(tenant, ticket, empty, now);
                }
                moved += movable.size();
                if (!movable.isEmpty()) {
                    break;
                }
            }
        }
        if (moved > 0) {
            boards.changed(tenant, branch.id());
        }
        return moved;
    }

    private void move(TenantId tenant, TicketView ticket, Queues.QueueState to, Instant now) {
        tickets.moveTo(tenant, ticket.id(), to.id(), null);
        var detail = Map.of(
                "from_queue", ticket.queueId().toString(), "to_queue", to.id().toString(), "reason", "REBALANCE");
        tickets.event(
                tenant,
                ticket.id(),
                "TRANSFERRED",
                TicketStatus.WAITING,
                TicketStatus.WAITING,
                to.id(),
                null,
                null,
                detail,
                now);
        audit.record(new AuditEntry(
                tenant,
                null,
                "system",
                "UPDATE",
                "ticket",
                ticket.id().toString(),
                Map.of(
                        "number",
                        ticket.number(),
                        "from_queue",
                        ticket.queueId().toString(),
                        "to_queue",
                        to.id().toString(),
                        "reason",
                        "REBALANCE")));
        events.publishEvent(new TicketTransferred(
                tenant, ticket.id(), ticket.branchId(), ticket.queueId(), to.id(), null, "REBALANCE", now));
    }
}
