package io.turno.queueing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import io.turno.queueing.TicketIssued;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes new tickets in batches per queue and day. Consecutive numbers need the day's counter row
 * locked until the ticket commits, so one queue's tickets are written one transaction at a time;
 * instead of one transaction per ticket, whoever gets to write takes every ticket waiting for that
 * queue (flat combining), and the others find theirs written when the lock comes free. Under load
 * a transaction carries many tickets; alone, a ticket is written at once.
 */
@Component
class TicketDispenser {

    static final int MAX_BATCH = 256;

    record Request(TenantId tenant, UUID branch, Tickets.QueueLoad queue, LocalDate day, Tickets.NewTicket ticket,
                   CompletableFuture<String> number) {
    }

    private record LaneKey(UUID queue, LocalDate day) {
    }

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

    /** Writes the ticket (with others waiting for the same queue) and answers its number, e.g. {@code A-007}. */
    String issue(TenantId tenant, UUID branch, Tickets.QueueLoad queue, LocalDate day, Tickets.NewTicket ticket) {
        var request = new Request(tenant, branch, queue, day, ticket, new CompletableFuture<>());
        var lane = lanes.computeIfAbsent(new LaneKey(queue.id(), day), key -> {
            // Yesterday's lane of this queue is done with.
            lanes.keySet().removeIf(other -> other.queue().equals(queue.id()) && other.day().isBefore(day));
            return new Lane();
        });
        lane.waiting.add(request);
        while (!request.number().isDone()) {
            if (lane.writer.tryLock()) {
                try {
                    // The writer takes everything waiting, up to its own ticket; then it answers its
                    // caller, and whoever waits next takes over, so no writer serves a busy lane forever.
                    while (!request.number().isDone()) {
                        write(lane);
                    }
                } finally {
                    lane.writer.unlock();
                }
            } else {
                awaitWritten(request);
            }
        }
        try {
            return request.number().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Until the writer has written this ticket; a short wait, then a look whether the lane needs a writer. */
    private static void awaitWritten(Request request) {
        try {
            request.number().get(2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException notYet) {
            // written with an error, or not yet: the loop decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the ticket was written", e);
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
            List<String> numbers = TenantScope.call(first.tenant(), () -> transactions.execute(status -> {
                var written = tickets.issue(first.tenant(), first.branch(), first.queue(), first.day(),
                        batch.stream().map(Request::ticket).toList());
                for (int i = 0; i < batch.size(); i++) {
                    var ticket = batch.get(i).ticket();
                    events.publishEvent(new TicketIssued(first.tenant(), ticket.id(), first.branch(), first.queue().id(),
                            ticket.service(), ticket.customer(), written.get(i), ticket.issuedAt()));
                }
                return written;
            }));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).number().complete(numbers.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(request -> request.number().completeExceptionally(e));
        }
    }
}
