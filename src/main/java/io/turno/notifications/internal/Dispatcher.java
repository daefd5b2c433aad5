package io.turno.notifications.internal;

import java.sql.Timestamp;
import java.sql.Types;
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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

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
 * outcome, the row stays SENDING. Neither SMTP nor the WhatsApp Cloud API nor Twilio's Messages API
 * accepts an idempotency key, and none can be asked whether it took a message it never answered
 * for, so such an attempt's outcome is unknowable at recovery. The rule: once a SENDING row is older
 * than {@code lease} (longer than any provider timeout), {@link #recoverInterrupted} marks the
 * attempt UNKNOWN and the notification FAILED with that reason; it is <em>never resent
 * automatically</em>, so a crash cannot make Turno send a message twice. Where the provider reports
 * back, the report settles it: the attempt's id travels as WhatsApp's {@code biz_opaque_callback_data}
 * and in the SMS status callback's URL, so a later status for that attempt turns the notification
 * SENT or DELIVERED ({@link Webhooks}). A person may resend the rest; an email's copy carries the same
 * Message-ID, so a receiver that deduplicates by Message-ID drops it.
 */
@Component
public class Dispatcher {

    static final String INTERRUPTED = "Intento interrumpido: no se sabe si el servidor aceptó el mensaje; "
            + "no se reenvía automáticamente";

    static final String BEFORE_COMMIT = "Intento interrumpido antes de que el servidor SMTP recibiera el final del "
            + "mensaje: no lo tiene, se reintenta";
    static final String AFTER_COMMIT = "Intento interrumpido después de entregar el final del mensaje al servidor SMTP: "
            + "lo tiene, se da por enviado";

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int SMTP_MESSAGES_PER_CONNECTION = 10;

    record Claim(UUID id, TenantId tenant, Channel channel, String name, String email, String phone, String subject,
                 String body, String templateCode, String language, List<Map.Entry<String, String>> variables,
                 String messageId, int attempts, int number, UUID attemptId, Instant claimedAt, Instant sendAt,
                 List<Channel> fallbacks, Provider provider) {

        Outgoing outgoing() {
            return new Outgoing(id, attemptId, channel, name, email, phone, subject, body, templateCode, language,
                    variables, messageId);
        }

        String providerLabel() {
            return provider == null ? channel.name().toLowerCase() : provider.kind().label;
        }
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final EmailSender email;
    private final HttpSenders http;
    private final Providers providers;
    private final Breakers breakers;
    private final JsonMapper json;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    Dispatcher(JdbcClient jdbc, NamedParameterJdbcTemplate batch, TransactionTemplate transactions, AuditLog audit, EmailSender email, HttpSenders http,
               Providers providers, Breakers breakers, JsonMapper json, NotificationsProperties properties,
               Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
        this.audit = audit;
        this.email = email;
        this.http = http;
        this.providers = providers;
        this.breakers = breakers;
        this.json = json;
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
                        byServer.computeIfAbsent(claim.provider().key(), k -> new java.util.ArrayList<>()).add(claim);
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
        outcomes.stream().collect(Collectors.groupingBy(o -> o.claim().tenant())).forEach((tenant, group) ->
                TenantScope.run(tenant, () -> {
                    try {
                        transactions.executeWithoutResult(tx -> record(group));
                    } catch (RuntimeException e) {
                        log.warn("Recording {} outcomes at once failed ({}); recording them one by one", group.size(),
                                e.toString());
                        for (Outcome outcome : group) {
                            transactions.executeWithoutResult(tx -> record(List.of(outcome)));
                        }
                    }
                }));
        return claims.size();
    }

    /** What one attempt came to, recorded with the rest of its batch. */
    private record Outcome(Claim claim, SendFailure failure, String providerMessageId, long latency) {
    }

    private List<Claim> claim() {
        Instant now = clock.instant();
        var claims = jdbc.sql("""
                WITH due AS (
                    SELECT id FROM notifications
                    WHERE status = 'PENDING' AND next_attempt_at <= :now
                    ORDER BY next_attempt_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE notifications n SET status = 'SENDING', attempts = n.attempts + 1, claimed_at = :now,
                                           updated_at = :now
                FROM due WHERE n.id = due.id
                RETURNING n.*,
                          (SELECT coalesce(max(a.number), 0) + 1 FROM notification_attempts a
                           WHERE a.notification_id = n.id) AS number
                """)
                .param("now", Timestamp.from(now)).param("limit", properties.batchSize())
                .query((rs, n) -> {
                    TenantId tenant = new TenantId(rs.getObject("tenant_id", UUID.class));
                    Channel channel = Channel.valueOf(rs.getString("channel"));
                    return new Claim(rs.getObject("id", UUID.class), tenant, channel,
                            rs.getString("recipient_name"), rs.getString("recipient_email"),
                            rs.getString("recipient_phone"), rs.getString("subject"), rs.getString("body"),
                            rs.getString("template_code"), rs.getString("language"),
                            NotificationService.variables(json, rs.getString("variables")), rs.getString("message_id"),
                            rs.getInt("attempts"), rs.getInt("number"), UUID.randomUUID(), now,
                            rs.getTimestamp("send_at").toInstant(),
                            NotificationService.channels(rs.getArray("fallback_channels")),
                            choose(tenant, channel));
                })
                .list();
        if (claims.isEmpty()) {
            return claims;
        }
        // One round trip for the batch's attempt rows, in the claim's transaction.
        batch.batchUpdate("""
                INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, provider_id,
                                                   channel, outcome, started_at, observes_commit)
                VALUES (:id, :t, :n, :number, :provider, :providerId, :channel, 'SENDING', :now, :observes)
                """, claims.stream().map(claim -> new MapSqlParameterSource()
                .addValue("observes", claim.provider() != null && claim.provider().kind() == ProviderKind.SMTP
                        && email.marksCommit(claim.provider()))
                .addValue("id", claim.attemptId()).addValue("t", claim.tenant().value()).addValue("n", claim.id())
                .addValue("number", claim.number()).addValue("provider", claim.providerLabel())
                .addValue("providerId", claim.provider() == null ? null : claim.provider().id(), Types.OTHER)
                .addValue("channel", claim.channel().name())
                .addValue("now", Timestamp.from(now))).toArray(MapSqlParameterSource[]::new));
        return claims;
    }

    /** The first provider of the channel whose circuit is not open; the first one when all are open. */
    private Provider choose(TenantId tenant, Channel channel) {
        var candidates = providers.forChannel(tenant, channel);
        return candidates.stream().filter(p -> !"OPEN".equals(breakers.state(p))).findFirst()
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
            outcomes.add(new Outcome(claim, new SendFailure(true, "Sin proveedor configurado para el canal "
                    + claim.channel()), null, 0));
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
                    ScopedValue.where(CommitPointMailSender.BEFORE_COMMIT, () -> markCommit(claim)).call(() -> {
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
            log.info("Notification {} attempt {} via {} failed: {}", claim.id(), claim.number(), claim.providerLabel(),
                    failure.getMessage());
        }
        outcomes.add(new Outcome(claim, failure, providerMessageId, Duration.ofNanos(elapsed).toMillis()));
    }

    /** Committed before the server reads the final dot: after a crash, its presence says the server has the message. */
    private void markCommit(Claim claim) {
        // One auto-committed statement: durable when it returns, one round trip instead of a transaction's two.
        jdbc.sql("""
                UPDATE notification_attempts SET committed_at = :now WHERE tenant_id = :t AND id = :attempt
                """)
                .param("now", Timestamp.from(clock.instant())).param("t", claim.tenant().value())
                .param("attempt", claim.attemptId()).update();
    }

    /** Every provider of the channel has its circuit open: nothing was sent, so no attempt is spent. */
    private void giveBack(Claim claim) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            int changed = jdbc.sql("""
                    UPDATE notifications SET status = 'PENDING', attempts = attempts - 1, claimed_at = NULL,
                           next_attempt_at = :next, updated_at = :now
                    WHERE tenant_id = :t AND id = :id AND status = 'SENDING' AND claimed_at = :claimed
                    """)
                    .param("next", Timestamp.from(now.plus(properties.circuit().waitOpen())))
                    .param("now", Timestamp.from(now)).param("t", claim.tenant().value()).param("id", claim.id())
                    .param("claimed", Timestamp.from(claim.claimedAt())).update();
            if (changed == 1) {
                jdbc.sql("DELETE FROM notification_attempts WHERE tenant_id = :t AND id = :attempt")
                        .param("t", claim.tenant().value()).param("attempt", claim.attemptId()).update();
            }
        });
        log.debug("Notification {} waits: the circuit of {} is open", claim.id(), claim.provider());
    }

    /** What an outcome does to its notification. */
    private record Decision(Outcome result, String outcome, String status, String error, Channel next, Instant due) {
    }

    private void record(List<Outcome> results) {
        Instant now = clock.instant();
        var decisions = results.stream().map(result -> decide(result, now)).toList();
        int[] changed = batch.batchUpdate("""
                UPDATE notifications SET status = :status, next_attempt_at = :next, last_error = :error,
                       sent_at = CASE WHEN :status = 'SENT' THEN CAST(:now AS timestamptz) END, updated_at = :now,
                       channel = coalesce(CAST(:fallback AS text), channel),
                       fallback_channels = CASE WHEN CAST(:fallback AS text) IS NULL THEN fallback_channels
                                                ELSE fallback_channels[2:] END,
                       attempts = CASE WHEN CAST(:fallback AS text) IS NULL THEN attempts ELSE 0 END
                WHERE tenant_id = :t AND id = :id AND status = 'SENDING' AND claimed_at = :claimed
                """, decisions.stream().map(d -> new MapSqlParameterSource()
                .addValue("status", d.status()).addValue("next", Timestamp.from(d.due()))
                .addValue("error", d.error(), Types.VARCHAR)
                .addValue("fallback", d.next() == null ? null : d.next().name(), Types.VARCHAR)
                .addValue("now", Timestamp.from(now)).addValue("t", d.result().claim().tenant().value())
                .addValue("id", d.result().claim().id())
                .addValue("claimed", Timestamp.from(d.result().claim().claimedAt())))
                .toArray(MapSqlParameterSource[]::new));
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            Claim claim = d.result().claim();
            if (changed[i] != 0) {
                continue;
            }
            // Taken for interrupted meanwhile (the attempt outlived its lease). A late success is the truth: SENT,
            // unless someone already queued it again. The attempt below records what happened either way.
            log.warn("Notification {} attempt {} finished ({}) after its lease", claim.id(), claim.number(), d.outcome());
            if (d.result().failure() == null) {
                jdbc.sql("""
                        UPDATE notifications SET status = 'SENT', sent_at = :now, last_error = NULL, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND status = 'FAILED' AND last_error = :interrupted
                        """)
                        .param("now", Timestamp.from(now)).param("t", claim.tenant().value()).param("id", claim.id())
                        .param("interrupted", INTERRUPTED).update();
            }
        }
        batch.batchUpdate("""
                UPDATE notification_attempts SET outcome = :outcome, finished_at = :now, latency_ms = :latency,
                       error = :error, provider_message_id = :pmid
                WHERE tenant_id = :t AND id = :attempt
                """, decisions.stream().map(d -> new MapSqlParameterSource()
                .addValue("outcome", d.outcome()).addValue("now", Timestamp.from(now))
                .addValue("latency", d.result().latency()).addValue("error", d.error(), Types.VARCHAR)
                .addValue("pmid", d.result().providerMessageId(), Types.VARCHAR)
                .addValue("t", d.result().claim().tenant().value())
                .addValue("attempt", d.result().claim().attemptId()))
                .toArray(MapSqlParameterSource[]::new));
        audit.recordAll(decisions.stream().map(d -> {
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
            return new AuditEntry(claim.tenant(), null, "dispatcher", "DISPATCH", "notification",
                    claim.id().toString(), summary, null);
        }).toList());
        for (Decision d : decisions) {
            meters.counter("turno.notifications.attempts", "channel", d.result().claim().channel().name(), "provider",
                    d.result().claim().providerLabel(), "outcome", d.outcome()).increment();
        }
    }

    private Decision decide(Outcome result, Instant now) {
        Claim claim = result.claim();
        SendFailure failure = result.failure();
        boolean sent = failure == null;
        String error = sent ? null : failure.getMessage();
        boolean tooOld = claim.sendAt().plus(properties.maxAge()).isBefore(now);
        boolean retry = !sent && !failure.permanent && claim.attempts() < properties.maxAttempts() && !tooOld;
        Channel next = !sent && !retry && !claim.fallbacks().isEmpty() ? claim.fallbacks().getFirst() : null;
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
     * Attempts left SENDING past the lease. SMTP attempts that mark their commit point are settled by
     * the mark: without it the server cannot have the message, so it is tried again; with it the server
     * has it, so it is SENT. Any other is UNKNOWN and its notification FAILED, never resent automatically.
     */
    public int recoverInterrupted() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(properties.lease());
        record Stale(UUID id, TenantId tenant, UUID attempt, boolean observesCommit, Timestamp committedAt,
                     int attempts) {
        }
        var stale = TenantScope.unscoped(() -> jdbc.sql("""
                SELECT n.id, n.tenant_id, n.attempts, a.id AS attempt, coalesce(a.observes_commit, false) AS observes,
                       a.committed_at
                FROM notifications n
                LEFT JOIN notification_attempts a ON a.notification_id = n.id AND a.outcome = 'SENDING'
                WHERE n.status = 'SENDING' AND n.claimed_at < :cutoff
                """)
                .param("cutoff", Timestamp.from(cutoff))
                .query((rs, n) -> new Stale(rs.getObject("id", UUID.class),
                        new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("attempt", UUID.class),
                        rs.getBoolean("observes"), rs.getTimestamp("committed_at"), rs.getInt("attempts")))
                .list());
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
                outcome = "SENT";
                error = AFTER_COMMIT;
            } else {
                status = "FAILED";
                outcome = "UNKNOWN";
                error = INTERRUPTED;
            }
            Boolean done = TenantScope.call(row.tenant(), () -> transactions.execute(tx -> {
                int changed = jdbc.sql("""
                        UPDATE notifications SET status = :status, updated_at = :now, next_attempt_at = :now,
                               last_error = CASE WHEN :status = 'SENT' THEN NULL ELSE CAST(:error AS text) END,
                               sent_at = CASE WHEN :status = 'SENT' THEN CAST(:committed AS timestamptz) END
                        WHERE tenant_id = :t AND id = :id AND status = 'SENDING' AND claimed_at < :cutoff
                        """)
                        .param("status", status).param("error", error).param("now", Timestamp.from(now))
                        .param("committed", row.committedAt()).param("t", row.tenant().value()).param("id", row.id())
                        .param("cutoff", Timestamp.from(cutoff)).update();
                if (changed == 0) {
                    return false;
                }
                jdbc.sql("""
                        UPDATE notification_attempts SET outcome = :outcome, finished_at = :now, error = :error
                        WHERE tenant_id = :t AND notification_id = :id AND outcome = 'SENDING'
                        """)
                        .param("outcome", outcome).param("error", error).param("now", Timestamp.from(now))
                        .param("t", row.tenant().value()).param("id", row.id()).update();
                audit.record(new AuditEntry(row.tenant(), null, "dispatcher", "DISPATCH", "notification",
                        row.id().toString(), Map.of("outcome", outcome, "status", status, "error", error), null));
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
