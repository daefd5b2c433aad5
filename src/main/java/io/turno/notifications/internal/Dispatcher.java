package io.turno.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due notifications. The notification row is the outbox: a run claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and marks them SENDING with a new attempt row (naming the provider
 * chosen) in one committed transaction, so any number of runs on any number of instances never claim
 * one row twice; it then hands each message to its provider outside any transaction and records the
 * outcome (and audits it as DISPATCH) in the notification's tenant scope.
 *
 * <p><b>Outcomes.</b> Taken: SENT, with the provider's message id on the attempt (its webhook later
 * says DELIVERED or FAILED). Refused for good (a 4xx such as an invalid number, no provider for the
 * channel): final at once. Refused for now (5xx, 429, timeouts): retried after an exponential
 * backoff with jitter, until {@code max-attempts} or {@code max-age}. A final failure moves the
 * notification to its next channel in {@code fallback_channels} with a fresh budget, or ends it
 * FAILED: the dead letter, re-sendable by hand.
 *
 * <p><b>Circuit breakers.</b> Each provider has one ({@link Breakers}). The claim prefers the first
 * provider of the channel whose circuit is not open; when every one is open, the attempt is given
 * back before anything is sent: the attempt row is deleted, the count restored and the notification
 * due again after {@code circuit.wait-open}, so a provider's outage spends nobody's attempts.
 *
 * <p><b>Interrupted attempts.</b> If the process dies between the claim and the recording of the
 * outcome, the row stays SENDING. Every claim names its instance, and every instance renews a heartbeat
 * ({@link DispatcherHeartbeat}); {@link #recoverInterrupted} takes back the claims of an instance whose
 * heartbeat is stale, and any claim older than {@code lease}. An email's attempt is settled by its
 * commit mark ({@link CommitPointMailSender}): no mark, the server cannot have the message, so it is
 * tried again; a mark, the server has all of it, so the notification is SENT and the attempt
 * ASSUMED_DELIVERED. Neither the WhatsApp Cloud API nor Twilio's Messages API accepts an idempotency
 * key, and neither can be asked whether it took a message it never answered for, so such an attempt
 * is UNKNOWN and its notification FAILED with that reason; it is <em>never resent automatically</em>,
 * so a crash cannot make Turno send a message twice. The provider's report settles it: the attempt's
 * id travels as WhatsApp's {@code biz_opaque_callback_data} and in the SMS status callback's URL, so a
 * later status for that attempt turns it SENT (the notification SENT or DELIVERED) or FAILED
 * ({@link Webhooks}). A person may resend the rest.
 */
@Component
public class Dispatcher {

    static final String INTERRUPTED =
            "Intento interrumpido: no se sabe si el servidor aceptó el mensaje; " + "no se reenvía automáticamente";

    static final String BEFORE_COMMIT = "Intento interrumpido antes de que el servidor SMTP recibiera el final del "
            + "mensaje: no lo tiene, se reintenta";
    static final String AFTER_COMMIT = "Intento interrumpido después de entregar el mensaje completo al servidor "
            + "SMTP y marcar el envío, antes de registrar su respuesta: se da por entregado y no se reenvía";

    /** The attempt outcome of an email interrupted after its mark: taken as delivered, shown as assumed. */
    static final String ASSUMED_DELIVERED = "ASSUMED_DELIVERED";

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int SMTP_MESSAGES_PER_CONNECTION = 10;

    record Claim(
            UUID id,
            TenantId tenant,
            Channel channel,
            String name,
            String email,
            String phone,
            String subject,
            String body,
            String templateCode,
            String language,
            List<Map.Entry<String, String>> variables,
            String messageId,
            int attempts,
            int number,
            UUID attemptId,
            Instant claimedAt,
            Instant sendAt,
            List<Channel> fallbacks,
            Provider provider) {

        Outgoing outgoing() {
            return new Outgoing(
                    id,
                    attemptId,
                    channel,
                    name,
                    email,
                    phone,
                    subject,
                    body,
                    templateCode,
                    language,
                    variables,
                    messageId);
        }

        String providerLabel() {
            return provider == null ? channel.name().toLowerCase() : provider.kind().label;
        }
    }

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final EmailSender email;
    private final HttpSenders http;
    private final Providers providers;
    private final Breakers breakers;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DispatcherHeartbeat instance;

    Dispatcher(
            Outbox outbox,
            TransactionTemplate transactions,
            AuditLog audit,
            EmailSender email,
            HttpSenders http,
            Providers providers,
            Breakers breakers,
            NotificationsProperties properties,
            Clock clock,
            MeterRegistry meters,
            DispatcherHeartbeat instance) {
        this.meters = meters;
        this.instance = instance;
        this.outbox = outbox;
        this.transactions = transactions;
        this.audit = audit;
        this.email = email;
        this.http = http;
        this.providers = providers;
        this.breakers = breakers;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Resolves interrupted attempts, then claims one batch of due notifications and sends them, each on
     * a virtual thread of its own; returns how many were claimed once every one's outcome is recorded.
     */
    public int runOnce() {
        recoverInterrupted();
        List<Claim> claims = TenantScope.unscoped(() -> transactions.execute(status -> claim()));
        var outcomes = new ConcurrentLinkedQueue<Outcome>();
        if (claims.size() == 1) {
            TenantScope.run(claims.getFirst().tenant(), () -> deliver(claims.getFirst(), outcomes));
        } else if (!claims.isEmpty()) {
            try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
                // Emails share SMTP connections, a few messages each; every other message goes on its own.
                var byServer = new java.util.LinkedHashMap<String, List<Claim>>();
                for (Claim claim : claims) {
                    if (claim.provider() != null && claim.provider().kind() == ProviderKind.SMTP) {
                        byServer.computeIfAbsent(claim.provider().key(), k -> new java.util.ArrayList<>())
                                .add(claim);
                    } else {
                        workers.submit(() -> TenantScope.run(claim.tenant(), () -> deliver(claim, outcomes)));
                    }
                }
                for (List<Claim> server : byServer.values()) {
                    for (int from = 0; from < server.size(); from += SMTP_MESSAGES_PER_CONNECTION) {
                        var chunk = server.subList(from, Math.min(server.size(), from + SMTP_MESSAGES_PER_CONNECTION));
                        workers.submit(() -> deliverOverOneConnection(chunk, outcomes));
                    }
                }
            }
        }
        // One transaction and a few round trips per tenant and batch: the tenant's audit chain is locked once.
        outcomes.stream()
                .collect(Collectors.groupingBy(o -> o.claim().tenant()))
                .forEach((tenant, group) -> TenantScope.run(tenant, () -> {
                    try {
                        transactions.executeWithoutResult(tx -> record(group));
                    } catch (RuntimeException e) {
                        log.warn(
                                "Recording {} outcomes at once failed ({}); recording them one by one",
                                group.size(),
                                e.toString());
                        for (Outcome outcome : group) {
                            transactions.executeWithoutResult(tx -> record(List.of(outcome)));
                        }
                    }
                }));
        return claims.size();
    }

    /** What one attempt came to, recorded with the rest of its batch. */
    record Outcome(Claim claim, SendFailure failure, String providerMessageId, long latency) {}

    private List<Claim> claim() {
        Instant now = clock.instant();
        var claims = outbox.claimDue(now, properties.batchSize(), instance.id(), this::choose);
        if (claims.isEmpty()) {
            return claims;
        }
        // One round trip for the batch's attempt rows, in the claim's transaction.
        outbox.insertAttempts(
                claims,
                now,
                claim -> claim.provider() != null
                        && claim.provider().kind() == ProviderKind.SMTP
                        && email.marksCommit(claim.provider()));
        return claims;
    }

    /** The first provider of the channel whose circuit is not open; the first one when all are open. */
    private Provider choose(TenantId tenant, Channel channel) {
        var candidates = providers.forChannel(tenant, channel);
        return candidates.stream()
                .filter(p -> !"OPEN".equals(breakers.state(p)))
                .findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.getFirst());
    }

    private void deliverOverOneConnection(List<Claim> chunk, Collection<Outcome> outcomes) {
        try (var connection = email.open(chunk.getFirst().provider())) {
            for (Claim claim : chunk) {
                TenantScope.run(claim.tenant(), () -> deliver(claim, outcomes, connection));
            }
        } catch (SendFailure e) {
            for (Claim claim : chunk) {
                outcomes.add(new Outcome(claim, e, null, 0));
            }
        }
    }

    private void deliver(Claim claim, Collection<Outcome> outcomes) {
        if (claim.provider() != null && claim.provider().kind() == ProviderKind.SMTP) {
            deliverOverOneConnection(List.of(claim), outcomes);
        } else {
            deliver(claim, outcomes, null);
        }
    }

    private void deliver(Claim claim, Collection<Outcome> outcomes, EmailSender.Connection smtp) {
        if (claim.provider() == null) {
            outcomes.add(new Outcome(
                    claim,
                    new SendFailure(true, "Sin proveedor configurado para el canal " + claim.channel()),
                    null,
                    0));
            return;
        }
        CircuitBreaker breaker = breakers.of(claim.provider());
        if (!breaker.tryAcquirePermission()) {
            giveBack(claim);
            return;
        }
        long started = System.nanoTime();
        String providerMessageId = null;
        SendFailure failure = null;
        try {
            providerMessageId = switch (claim.provider().kind()) {
                case SMTP -> {
                    ScopedValue.where(CommitPointMailSender.BEFORE_COMMIT, () -> markCommit(claim))
                            .call(() -> {
                                smtp.send(claim.outgoing());
                                return null;
                            });
                    yield null;
                }
                case WHATSAPP_CLOUD -> http.whatsapp(claim.provider(), claim.outgoing());
                case TWILIO -> http.sms(claim.provider(), claim.outgoing());
            };
        } catch (SendFailure e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new SendFailure(false, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        long elapsed = System.nanoTime() - started;
        if (failure == null || failure.permanent) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
        }
        if (failure != null) {
            log.info(
                    "Notification {} attempt {} via {} failed: {}",
                    claim.id(),
                    claim.number(),
                    claim.providerLabel(),
                    failure.getMessage());
        }
        outcomes.add(new Outcome(
                claim, failure, providerMessageId, Duration.ofNanos(elapsed).toMillis()));
    }

    /**
     * Committed once the server has the whole message and before it reads the final dot: after a crash, its
     * presence says the server has the message. Refused when recovery took the attempt back meanwhile (this
     * instance was taken for dead): then the dot is never written and the server drops the message.
     */
    private void markCommit(Claim claim) {
        // One auto-committed statement: durable when it returns, one round trip instead of a transaction's two.
        if (!outbox.markCommit(claim, clock.instant())) {
            throw new IllegalStateException("The attempt was taken back by recovery; its message is abandoned");
        }
    }

    /** Every provider of the channel has its circuit open: nothing was sent, so no attempt is spent. */
    private void giveBack(Claim claim) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(
                status -> outbox.giveBack(claim, now.plus(properties.circuit().waitOpen()), now));
        log.debug("Notification {} waits: the circuit of {} is open", claim.id(), claim.provider());
    }

    /** What an outcome does to its notification. */
    record Decision(Outcome result, String outcome, String status, String error, Channel next, Instant due) {}

    private void record(List<Outcome> results) {
        Instant now = clock.instant();
        var decisions = results.stream().map(result -> decide(result, now)).toList();
        int[] changed = outbox.decide(decisions, now);
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            Claim claim = d.result().claim();
            if (changed[i] != 0) {
                continue;
            }
            // Taken for interrupted meanwhile (the attempt outlived its lease). A late success is the truth: SENT,
            // unless someone already queued it again. The attempt below records what happened either way.
            log.warn(
                    "Notification {} attempt {} finished ({}) after its lease",
                    claim.id(),
                    claim.number(),
                    d.outcome());
            if (d.result().failure() == null) {
                outbox.lateSuccess(claim, now);
            }
        }
        outbox.finishAttempts(decisions, now);
        audit.recordAll(decisions.stream()
                .map(d -> {
                    Claim claim = d.result().claim();
                    var summary = new java.util.LinkedHashMap<String, Object>();
                    summary.put("attempt", claim.number());
                    summary.put("channel", claim.channel().name());
                    summary.put("provider", claim.providerLabel());
                    summary.put("outcome", d.outcome());
                    summary.put("latency_ms", d.result().latency());
                    summary.put("status", d.status());
                    if (d.error() != null) {
                        summary.put("error", d.error());
                    }
                    if (d.next() != null) {
                        summary.put("fallback_to", d.next().name());
                    }
                    return new AuditEntry(
                            claim.tenant(),
                            null,
                            "dispatcher",
                            "DISPATCH",
                            "notification",
                            claim.id().toString(),
                            summary,
                            null);
                })
                .toList());
        for (Decision d : decisions) {
            meters.counter(
                            "turno.notifications.attempts",
                            "channel",
                            d.result().claim().channel().name(),
                            "provider",
                            d.result().claim().providerLabel(),
                            "outcome",
                            d.outcome())
                    .increment();
        }
    }

    private Decision decide(Outcome result, Instant now) {
        Claim claim = result.claim();
        SendFailure failure = result.failure();
        boolean sent = failure == null;
        String error = sent ? null : failure.getMessage();
        boolean tooOld = claim.sendAt().plus(properties.maxAge()).isBefore(now);
        boolean retry = !sent && !failure.permanent && claim.attempts() < properties.maxAttempts() && !tooOld;
        Channel next = !sent && !retry && !claim.fallbacks().isEmpty()
                ? claim.fallbacks().getFirst()
                : null;
        String outcome = sent ? "SENT" : "FAILED";
        String status = sent ? "SENT" : retry || next != null ? "PENDING" : "FAILED";
        Instant due = retry ? now.plus(backoff(claim.attempts())) : now;
        return new Decision(result, outcome, status, error, next, due);
    }

    /** Exponential from {@code initial-backoff}, capped at {@code max-backoff}, with "equal jitter" (½ to 1 ×). */
    Duration backoff(int attempts) {
        long base = properties.initialBackoff().toMillis() << Math.min(attempts - 1, 30);
        long capped = Math.min(Math.max(base, 0), properties.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /**
     * Attempts of an instance whose heartbeat is stale (or gone), and any left SENDING past the lease. SMTP
     * attempts that mark their commit point are settled by the mark: without it the server cannot have the
     * message, so it is tried again; with it the server has all of it, so the notification is SENT and the
     * attempt ASSUMED_DELIVERED. Any other is UNKNOWN and its notification FAILED, never resent
     * automatically, until the provider's report settles it ({@link Webhooks}).
     */
    public int recoverInterrupted() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(properties.lease());
        var stale = TenantScope.unscoped(
                () -> outbox.stale(cutoff, properties.heartbeat().staleAfter()));
        int resolved = 0;
        for (var row : stale) {
            String status;
            String outcome;
            String error;
            if (row.observesCommit() && row.committedAt() == null) {
                status = row.attempts() < properties.maxAttempts() ? "PENDING" : "FAILED";
                outcome = "FAILED";
                error = BEFORE_COMMIT;
            } else if (row.observesCommit()) {
                status = "SENT";
                outcome = ASSUMED_DELIVERED;
                error = AFTER_COMMIT;
            } else {
                status = "FAILED";
                outcome = "UNKNOWN";
                error = INTERRUPTED;
            }
            Boolean done = TenantScope.call(
                    row.tenant(),
                    () -> transactions.execute(tx -> {
                        // The attempt first: its row lock orders recovery and a late mark (see Outbox).
                        if (row.attempt() != null && !outbox.finishStaleAttempt(row, outcome, error, now)) {
                            return false;
                        }
                        if (!outbox.settleStale(row, status, error, now)) {
                            tx.setRollbackOnly();
                            return false;
                        }
                        audit.record(new AuditEntry(
                                row.tenant(),
                                null,
                                "dispatcher",
                                "DISPATCH",
                                "notification",
                                row.id().toString(),
                                Map.of("outcome", outcome, "status", status, "error", error),
                                null));
                        return true;
                    }));
            if (Boolean.TRUE.equals(done)) {
                resolved++;
                log.warn("Notification {} was interrupted while SENDING: {} ({})", row.id(), status, error);
            }
        }
        return resolved;
    }
}
