package io.turno.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due notifications. The notification row is the outbox: a run claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and marks them SENDING with a new attempt row in one committed
 * transaction, so any number of runs on any number of instances never claim one row twice; it then
 * hands each message to its provider outside any transaction and records the outcome (and audits it
 * as DISPATCH) in the notification's tenant scope. A failure is retried after an exponential
 * backoff with jitter until {@code max-attempts}, then the notification is FAILED (re-sendable).
 *
 * <p><b>Interrupted attempts.</b> If the process dies between the claim and the recording of the
 * outcome, the row stays SENDING. SMTP offers no idempotency key and no way to ask whether the
 * server accepted a message, so such an attempt's outcome is unknowable. The rule: once a SENDING
 * row is older than {@code lease} (longer than any SMTP timeout), {@link #recoverInterrupted} marks
 * the attempt UNKNOWN and the notification FAILED with that reason; it is <em>never resent
 * automatically</em>, so a crash cannot make Turno send an email twice. A person who checks may
 * resend it; the resend carries the same Message-ID ({@code <notification-id@turno>}), so a
 * receiving system that deduplicates by Message-ID drops the copy.
 */
@Component
public class Dispatcher {

    static final String INTERRUPTED = "Intento interrumpido: no se sabe si el servidor aceptó el mensaje; "
            + "no se reenvía automáticamente";

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    record Claim(UUID id, TenantId tenant, String channel, String name, String email, String subject, String body,
                 String messageId, int attempts, int number, Instant claimedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final EmailSender email;
    private final NotificationsProperties properties;
    private final Clock clock;

    Dispatcher(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit, EmailSender email,
               NotificationsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.email = email;
        this.properties = properties;
        this.clock = clock;
    }

    /** Resolves interrupted attempts, then claims and sends one batch of due notifications; returns how many were claimed. */
    public int runOnce() {
        recoverInterrupted();
        List<Claim> claims = TenantScope.unscoped(() -> transactions.execute(status -> claim()));
        for (Claim claim : claims) {
            TenantScope.run(claim.tenant(), () -> deliver(claim));
        }
        return claims.size();
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
                RETURNING n.id, n.tenant_id, n.channel, n.recipient_name, n.recipient_email, n.subject, n.body,
                          n.message_id, n.attempts,
                          (SELECT coalesce(max(a.number), 0) + 1 FROM notification_attempts a
                           WHERE a.notification_id = n.id) AS number
                """)
                .param("now", Timestamp.from(now)).param("limit", properties.batchSize())
                .query((rs, n) -> new Claim(rs.getObject("id", UUID.class),
                        new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("channel"),
                        rs.getString("recipient_name"), rs.getString("recipient_email"), rs.getString("subject"),
                        rs.getString("body"), rs.getString("message_id"), rs.getInt("attempts"), rs.getInt("number"),
                        now))
                .list();
        for (Claim claim : claims) {
            jdbc.sql("""
                    INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, outcome, started_at)
                    VALUES (:id, :t, :n, :number, :provider, 'SENDING', :now)
                    """)
                    .param("id", UUID.randomUUID()).param("t", claim.tenant().value()).param("n", claim.id())
                    .param("number", claim.number()).param("provider", provider(claim.channel()))
                    .param("now", Timestamp.from(now)).update();
        }
        return claims;
    }

    private void deliver(Claim claim) {
        long started = System.nanoTime();
        String error = null;
        try {
            if (!"EMAIL".equals(claim.channel())) {
                throw new IllegalStateException("Sin proveedor configurado para el canal " + claim.channel());
            }
            email.send(claim.messageId(), claim.name(), claim.email(), claim.subject(), claim.body());
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.info("Notification {} attempt {} failed: {}", claim.id(), claim.number(), error);
        }
        long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String failure = error;
        transactions.executeWithoutResult(status -> record(claim, failure, latency));
    }

    private void record(Claim claim, String error, long latency) {
        Instant now = clock.instant();
        boolean sent = error == null;
        boolean retry = !sent && claim.attempts() < properties.maxAttempts();
        String outcome = sent ? "SENT" : "FAILED";
        String status = sent ? "SENT" : retry ? "PENDING" : "FAILED";
        Instant next = retry ? now.plus(backoff(claim.attempts())) : now;
        int changed = jdbc.sql("""
                UPDATE notifications SET status = :status, next_attempt_at = :next, last_error = :error,
                       sent_at = CASE WHEN :status = 'SENT' THEN CAST(:now AS timestamptz) END, updated_at = :now
                WHERE tenant_id = :t AND id = :id AND status = 'SENDING' AND claimed_at = :claimed
                """)
                .param("status", status).param("next", Timestamp.from(next)).param("error", error)
                .param("now", Timestamp.from(now)).param("t", claim.tenant().value()).param("id", claim.id())
                .param("claimed", Timestamp.from(claim.claimedAt())).update();
        if (changed == 0) {
            // Taken for interrupted meanwhile (the attempt outlived its lease). A late success is the truth: SENT,
            // unless someone already queued it again. The attempt below records what happened either way.
            log.warn("Notification {} attempt {} finished ({}) after its lease", claim.id(), claim.number(), outcome);
            if (sent) {
                jdbc.sql("""
                        UPDATE notifications SET status = 'SENT', sent_at = :now, last_error = NULL, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND status = 'FAILED' AND last_error = :interrupted
                        """)
                        .param("now", Timestamp.from(now)).param("t", claim.tenant().value()).param("id", claim.id())
                        .param("interrupted", INTERRUPTED).update();
            }
        }
        jdbc.sql("""
                UPDATE notification_attempts SET outcome = :outcome, finished_at = :now, latency_ms = :latency,
                       error = :error
                WHERE tenant_id = :t AND notification_id = :id AND number = :number
                """)
                .param("outcome", outcome).param("now", Timestamp.from(now)).param("latency", latency)
                .param("error", error).param("t", claim.tenant().value()).param("id", claim.id())
                .param("number", claim.number()).update();
        var summary = new java.util.LinkedHashMap<String, Object>();
        summary.put("attempt", claim.number());
        summary.put("provider", provider(claim.channel()));
        summary.put("outcome", outcome);
        summary.put("latency_ms", latency);
        summary.put("status", status);
        if (error != null) {
            summary.put("error", error);
        }
        audit.record(new AuditEntry(claim.tenant(), null, "dispatcher", "DISPATCH", "notification",
                claim.id().toString(), summary, null));
    }

    /** Exponential from {@code initial-backoff}, capped at {@code max-backoff}, with "equal jitter" (½ to 1 ×). */
    Duration backoff(int attempts) {
        long base = properties.initialBackoff().toMillis() << Math.min(attempts - 1, 30);
        long capped = Math.min(Math.max(base, 0), properties.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** Attempts left SENDING past the lease: UNKNOWN, notification FAILED, never resent automatically (see above). */
    public int recoverInterrupted() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(properties.lease());
        var stale = TenantScope.unscoped(() -> jdbc.sql("""
                SELECT id, tenant_id FROM notifications WHERE status = 'SENDING' AND claimed_at < :cutoff
                """)
                .param("cutoff", Timestamp.from(cutoff))
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class),
                        new TenantId(rs.getObject("tenant_id", UUID.class))))
                .list());
        int resolved = 0;
        for (var row : stale) {
            Boolean done = TenantScope.call(row.getValue(), () -> transactions.execute(status -> {
                int changed = jdbc.sql("""
                        UPDATE notifications SET status = 'FAILED', last_error = :error, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND status = 'SENDING' AND claimed_at < :cutoff
                        """)
                        .param("error", INTERRUPTED).param("now", Timestamp.from(now))
                        .param("t", row.getValue().value()).param("id", row.getKey())
                        .param("cutoff", Timestamp.from(cutoff)).update();
                if (changed == 0) {
                    return false;
                }
                jdbc.sql("""
                        UPDATE notification_attempts SET outcome = 'UNKNOWN', finished_at = :now, error = :error
                        WHERE tenant_id = :t AND notification_id = :id AND outcome = 'SENDING'
                        """)
                        .param("error", INTERRUPTED).param("now", Timestamp.from(now))
                        .param("t", row.getValue().value()).param("id", row.getKey()).update();
                audit.record(new AuditEntry(row.getValue(), null, "dispatcher", "DISPATCH", "notification",
                        row.getKey().toString(), Map.of("outcome", "UNKNOWN", "status", "FAILED",
                        "error", INTERRUPTED), null));
                return true;
            }));
            if (Boolean.TRUE.equals(done)) {
                resolved++;
                log.warn("Notification {} was interrupted while SENDING: FAILED, not resent automatically", row.getKey());
            }
        }
        return resolved;
    }

    static String provider(String channel) {
        return "EMAIL".equals(channel) ? EmailSender.PROVIDER : channel.toLowerCase();
    }
}
