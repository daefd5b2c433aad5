package io.turno.queueing.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import io.turno.queueing.TicketIssued;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places new tickets in batches per branch, service and day. Consecutive numbers need the queue's
 * counter row locked until the ticket commits, so one queue's tickets are written one transaction
 * at a time; instead of one transaction per ticket, whoever gets to write takes every ticket waiting
 * for that branch and service (flat combining), and the others find theirs written when the lock
 * comes free. Under load a transaction carries many tickets; alone, a ticket is written at once.
 * The writer counts the queues' waiting tickets once per batch and gives each ticket, in arrival
 * order, the queue with the least expected wait at that point, counting the batch's own tickets.
 */
@Component
class TicketDispenser {

    static final int MAX_BATCH = 256;

    /**
     * Where a ticket went: its queue, its number (e.g. {@code A-007}), how many were waiting there
     * before it and how many desks serve that queue as their own.
     */
    record Placed(Queues.QueueSlot queue, String number, int ahead, int desks) {}

    record Request(
            TenantId tenant,
            UUID branch,
            List<Queues.QueueSlot> queues,
            Duration serviceTime,
            LocalDate day,
            Tickets.NewTicket ticket,
            CompletableFuture<Placed> placed,
            Thread caller) {}

    private record LaneKey(UUID branch, UUID service, LocalDate day) {}

    private static final class Lane {
        final ReentrantLock writer = new ReentrantLock();
        final ConcurrentLinkedQueue<Request> waiting = new ConcurrentLinkedQueue<>();
    }

    private final Map<LaneKey, Lane> lanes = new ConcurrentHashMap<>();
    private final Tickets tickets;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    TicketDispenser(Tickets tickets, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.transactions = transactions;
        this.events = events;
    }

    /** Writes the ticket (with others waiting for the same branch and service) into one of {@code queues}. */
    Placed issue(
            TenantId tenant,
            UUID branch,
            List<Queues.QueueSlot> queues,
            Duration serviceTime,
            LocalDate day,
            Tickets.NewTicket ticket) {
        var request = new Request(
                tenant,
                branch,
                List.copyOf(queues),
                serviceTime,
                day,
                ticket,
                new CompletableFuture<>(),
                Thread.currentThread());
        var key = new LaneKey(branch, ticket.service(), day);
        var lane = lanes.get(key);
        if (lane == null) {
            // Yesterday's lanes of this branch are done with (pruned here, not inside computeIfAbsent,
            // whose function must not change the map). A writer still busy in one keeps its lane.
            lanes.keySet()
                    .removeIf(other ->
                            other.branch().equals(branch) && other.day().isBefore(day));
            lane = lanes.computeIfAbsent(key, k -> new Lane());
        }
        lane.waiting.add(request);
        while (!request.placed().isDone()) {
            if (lane.writer.tryLock()) {
                try {
                    // The writer takes everything waiting, up to its own ticket; then it answers its
                    // caller, and whoever waits next takes over, so no writer serves a busy lane forever.
                    while (!request.placed().isDone()) {
                        write(lane);
                    }
                } finally {
                    lane.writer.unlock();
                    // Whoever waits first takes over; the others sleep until written or called on.
                    var next = lane.waiting.peek();
                    if (next != null) {
                        LockSupport.unpark(next.caller());
                    }
                }
            } else {
                // Woken when its ticket is written or the lane is handed to it. No timeout: a timed
                // park of a virtual thread goes through the JDK's delay scheduler, which cost a tenth
                // of the server's CPU while issuing (async-profiler). No wake-up is missed: whoever
                // unlocks the lane then wakes the first waiting, and a request queued after that looks
                // at the lock itself before it parks; a permit given before the park is kept by it.
                LockSupport.park(lane);
            }
        }
        try {
            return request.placed().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void write(Lane lane) {
        List<Request> batch = new ArrayList<>();
        for (Request next; batch.size() < MAX_BATCH && (next = lane.waiting.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        Request first = batch.getFirst();
        try {
            Map<Request, Placed> placed =
                    TenantScope.call(first.tenant(), () -> transactions.execute(status -> place(batch)));
            batch.forEach(request -> {
                request.placed().complete(placed.get(request));
                LockSupport.unpark(request.caller());
            });
        } catch (RuntimeException e) {
            batch.forEach(request -> {
                request.placed().completeExceptionally(e);
                LockSupport.unpark(request.caller());
            });
        }
    }

    private Map<Request, Placed> place(List<Request> batch) {
        Request first = batch.getFirst();
        // A request read its queues a moment ago; the newest reading decides for the whole batch.
        List<Queues.QueueSlot> queues = batch.getLast().queues();
        var loads = tickets.loads(
                first.tenant(), queues.stream().map(Queues.QueueSlot::id).toList());
        // Counts the batch's own tickets as they are placed; the desks stay as read.
        var waiting = new HashMap<UUID, Integer>();
        loads.forEach((queue, load) -> waiting.put(queue, load.waiting()));
        var chosen = Comparator.comparingDouble((Queues.QueueSlot q) -> TicketService.expectedWait(
                        waiting.get(q.id()), loads.get(q.id()).desks(), first.serviceTime()))
                .thenComparingInt(q -> waiting.get(q.id()));
        // Queues in one order, so two batches sharing queues lock their counters without deadlock.
        var byQueue = new TreeMap<Queues.QueueSlot, List<Request>>(Comparator.comparing(Queues.QueueSlot::id));
        var ahead = new IdentityHashMap<Request, Integer>();
        for (Request request : batch) {
            var queue = queues.stream().min(chosen).orElseThrow();
            int before = waiting.get(queue.id());
            ahead.put(request, before);
            waiting.put(queue.id(), before + 1);
            byQueue.computeIfAbsent(queue, id -> new ArrayList<>()).add(request);
        }
        var placed = new IdentityHashMap<Request, Placed>();
        byQueue.forEach((queue, requests) -> {
            var numbers = tickets.issue(
                    first.tenant(),
                    first.branch(),
                    queue,
                    first.day(),
                    requests.stream().map(Request::ticket).toList());
            for (int i = 0; i < requests.size(); i++) {
                var request = requests.get(i);
                var ticket = request.ticket();
                placed.put(
                        request,
                        new Placed(
                                queue,
                                numbers.get(i),
                                ahead.get(request),
                                loads.get(queue.id()).desks()));
                events.publishEvent(new TicketIssued(
                        first.tenant(),
                        ticket.id(),
                        first.branch(),
                        queue.id(),
                        ticket.service(),
                        ticket.customer(),
                        numbers.get(i),
                        ticket.issuedAt()));
            }
        });
        return placed;
    }
}
