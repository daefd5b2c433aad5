package io.turno.notifications.internal;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import io.turno.notifications.internal.Dispatcher.Claim;
import io.turno.notifications.internal.Dispatcher.Decision;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification rows as the {@link Dispatcher}'s work queue, and their attempt rows: claiming due
 * rows with {@code FOR UPDATE SKIP LOCKED}, recording outcomes only while the claim still holds, taking
 * back attempts that outlived their lease, and the providers' later status reports ({@link Webhooks}).
 * The callers own the transactions; each method here is the SQL of one step.
 */
@Repository
class Outbox {

    /** A notification left SENDING past its lease, with its open attempt (if any). */
    record Stale(
            UUID id,
            TenantId tenant,
            Timestamp claimedAt,
            UUID attempt,
            boolean observesCommit,
            Timestamp committedAt,
            int attempts) {}

    /** The attempt a provider's status report names. */
    record ReportedAttempt(UUID id, UUID notification, String outcome) {}

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;

    Outbox(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /**
     * Marks up to {@code limit} due notifications SENDING and answers them as claims, each with the
     * provider {@code choose} names for its tenant and channel and a new attempt id and number; each claim
     * names the {@code instance} that made it.
     */
    List<Claim> claimDue(Instant now, int limit, UUID instance, BiFunction<TenantId, Channel, Provider> choose) {
        return jdbc.sql("""
                WITH due AS (
                    SELECT id FROM notifications
                    WHERE status = 'PENDING' AND next_attempt_at <= :now
                    ORDER BY next_attempt_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE notifications n SET status = 'SENDING', attempts = n.attempts + 1, claimed_at = :now,
                                           claimed_by = :instance, updated_at = :now
                FROM due WHERE n.id = due.id
                RETURNING n.*,
                          (SELECT coalesce(max(a.number), 0) + 1 FROM notification_attempts a
                           WHERE a.notification_id = n.id) AS number
                """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .param("instance", instance)
                .query((rs, n) -> {
                    TenantId tenant = new TenantId(rs.getObject("tenant_id", UUID.class));
                    Channel channel = Channel.valueOf(rs.getString("channel"));
                    return new Claim(
                            rs.getObject("id", UUID.class),
                            tenant,
                            channel,
                            rs.getString("recipient_name"),
                            rs.getString("recipient_email"),
                            rs.getString("recipient_phone"),
                            rs.getString("subject"),
                            rs.getString("body"),
                            rs.getString("template_code"),
                            rs.getString("language"),
                            Notifications.variables(json, rs.getString("variables")),
                            rs.getString("message_id"),
                            rs.getInt("attempts"),
                            rs.getInt("number"),
                            UUID.randomUUID(),
                            now,
                            rs.getTimestamp("send_at").toInstant(),
                            Notifications.channels(rs.getArray("fallback_channels")),
                            choose.apply(tenant, channel));
                })
                .list();
    }

    /** The claims' attempt rows, SENDING, in one round trip; {@code observesCommit}: the attempt marks its commit point. */
    void insertAttempts(List<Claim> claims, Instant now, Predicate<Claim> observesCommit) {
        batch.batchUpdate(
                """
                INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, provider_id,
                                                   channel, outcome, started_at, observes_commit)
                VALUES (:id, :t, :n, :number, :provider, :providerId, :channel, 'SENDING', :now, :observes)
                """,
                claims.stream()
                        .map(claim -> new MapSqlParameterSource()
                                .addValue("observes", observesCommit.test(claim))
                                .addValue("id", claim.attemptId())
                                .addValue("t", claim.tenant().value())
                                .addValue("n", claim.id())
                                .addValue("number", claim.number())
                                .addValue("provider", claim.providerLabel())
                                .addValue(
                                        "providerId",
                                        claim.provider() == null
                                                ? null
                                                : claim.provider().id(),
                                        Types.OTHER)
                                .addValue("channel", claim.channel().name())
                                .addValue("now", Timestamp.from(now)))
                        .toArray(MapSqlParameterSource[]::new));
    }

    /**
     * One auto-committed statement when called outside a transaction: durable when it returns. Only while the
     * attempt is still in flight: false when recovery took it back meanwhile (the mark is the fence).
     */
    boolean markCommit(Claim claim, Instant now) {
        return jdbc.sql("""
                UPDATE notification_attempts SET committed_at = :now
                WHERE tenant_id = :t AND id = :attempt AND outcome = 'SENDING'
                """)
                        .param("now", Timestamp.from(now))
                        .param("t", claim.tenant().value())
                        .param("attempt", claim.attemptId())
                        .update()
                != 0;
    }

    /** The claim back to PENDING, due at {@code next}, its attempt row deleted, if the claim still holds. */
    void giveBack(Claim claim, Instant next, Instant now) {
        int changed = jdbc.sql("""
                UPDATE notifications SET status = 'PENDING', attempts = attempts - 1, claimed_at = NULL,
                       next_attempt_at = :next, updated_at = :now
                WHERE tenant_id = :t AND id = :id AND status = 'SENDING' AND claimed_at = :claimed
                """)
                .param("next", Timestamp.from(next))
                .param("now", Timestamp.from(now))
                .param("t", claim.tenant().value())
                .param("id", claim.id())
                .param("claimed", Timestamp.from(claim.claimedAt()))
                .update();
        if (changed == 1) {
            jdbc.sql("DELETE FROM notification_attempts WHERE tenant_id = :t AND id = :attempt")
                    .param("t", claim.tenant().value())
                    .param("attempt", claim.attemptId())
                    .update();
        }
    }

    /** Each decision applied to its notification while its claim holds; answers per decision how many rows changed. */
    int[] decide(List<Decision> decisions, Instant now) {
        return batch.batchUpdate(
                """
                UPDATE notifications SET status = :status, next_attempt_at = :next, last_error = :error,
                       sent_at = CASE WHEN :status = 'SENT' THEN CAST(:now AS timestamptz) END, updated_at = :now,
                       channel = coalesce(CAST(:fallback AS text), channel),
                       fallback_channels = CASE WHEN CAST(:fallback AS text) IS NULL THEN fallback_channels
                                                ELSE fallback_channels[2:] END,
                       attempts = CASE WHEN CAST(:fallback AS text) IS NULL THEN attempts ELSE 0 END
                WHERE tenant_id = :t AND id = :id AND status = 'SENDING' AND claimed_at = :claimed
                """,
                decisions.stream()
                        .map(d -> new MapSqlParameterSource()
                                .addValue("status", d.status())
                                .addValue("next", Timestamp.from(d.due()))
                                .addValue("error", d.error(), Types.VARCHAR)
                                .addValue(
                                        "fallback",
                                        d.next() == null ? null : d.next().name(),
                                        Types.VARCHAR)
                                .addValue("now", Timestamp.from(now))
                                .addValue("t", d.result().claim().tenant().value())
                                .addValue("id", d.result().claim().id())
                                .addValue(
                                        "claimed",
                                        Timestamp.from(d.result().claim().claimedAt())))
                        .toArray(MapSqlParameterSource[]::new));
    }

    /** A success that came after its lease: SENT, if recovery failed it as interrupted and nobody queued it again. */
    void lateSuccess(Claim claim, Instant now) {
        jdbc.sql("""
                UPDATE notifications SET status = 'SENT', sent_at = :now, last_error = NULL, updated_at = :now
                WHERE tenant_id = :t AND id = :id AND status = 'FAILED' AND last_error = :interrupted
                """)
                .param("now", Timestamp.from(now))
                .param("t", claim.tenant().value())
                .param("id", claim.id())
                .param("interrupted", Dispatcher.INTERRUPTED)
                .update();
    }

    void finishAttempts(List<Decision> decisions, Instant now) {
        batch.batchUpdate(
                """
                UPDATE notification_attempts SET outcome = :outcome, finished_at = :now, latency_ms = :latency,
                       error = :error, provider_message_id = :pmid
                WHERE tenant_id = :t AND id = :attempt
                """,
                decisions.stream()
                        .map(d -> new MapSqlParameterSource()
                                .addValue("outcome", d.outcome())
                                .addValue("now", Timestamp.from(now))
                                .addValue("latency", d.result().latency())
                                .addValue("error", d.error(), Types.VARCHAR)
                                .addValue("pmid", d.result().providerMessageId(), Types.VARCHAR)
                                .addValue("t", d.result().claim().tenant().value())
                                .addValue("attempt", d.result().claim().attemptId()))
                        .toArray(MapSqlParameterSource[]::new));
    }

    /**
     * Every tenant's notifications left SENDING since before {@code cutoff}, or claimed by an instance whose
     * heartbeat is older than {@code staleAfter} (or gone); the caller reads them unscoped.
     */
    List<Stale> stale(Instant cutoff, java.time.Duration staleAfter) {
        return jdbc.sql("""
                SELECT n.id, n.tenant_id, n.claimed_at, n.attempts, a.id AS attempt,
                       coalesce(a.observes_commit, false) AS observes, a.committed_at
                FROM notifications n
                LEFT JOIN notification_attempts a ON a.notification_id = n.id AND a.outcome = 'SENDING'
                WHERE n.status = 'SENDING'
                  AND (n.claimed_at < :cutoff
                       OR n.claimed_by IS NOT NULL AND NOT EXISTS (
                           SELECT FROM notification_dispatchers d
                           WHERE d.id = n.claimed_by AND d.heartbeat_at > now() - CAST(:stale AS interval)))
                """)
                .param("cutoff", Timestamp.from(cutoff))
                .param("stale", staleAfter.toMillis() + " milliseconds")
                .query((rs, n) -> new Stale(
                        rs.getObject("id", UUID.class),
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getTimestamp("claimed_at"),
                        rs.getObject("attempt", UUID.class),
                        rs.getBoolean("observes"),
                        rs.getTimestamp("committed_at"),
                        rs.getInt("attempts")))
                .list();
    }

    /** Settles a stale notification, if it still rests on the claim found stale; false when it does not. */
    boolean settleStale(Stale row, String status, String error, Instant now) {
        int changed = jdbc.sql("""
                UPDATE notifications SET status = :status, updated_at = :now, next_attempt_at = :now,
                       last_error = CASE WHEN :status = 'SENT' THEN NULL ELSE CAST(:error AS text) END,
                       sent_at = CASE WHEN :status = 'SENT' THEN CAST(:committed AS timestamptz) END
                WHERE tenant_id = :t AND id = :id AND status = 'SENDING' AND claimed_at = :claimed
                """)
                .param("status", status)
                .param("error", error)
                .param("now", Timestamp.from(now))
                .param("committed", row.committedAt())
                .param("t", row.tenant().value())
                .param("id", row.id())
                .param("claimed", row.claimedAt())
                .update();
        return changed != 0;
    }

    /**
     * Closes a stale attempt with {@code outcome}, if it is still in flight and, for one that observes its
     * commit point, still marked as it was read: a mark committed meanwhile (the instance was alive after all)
     * makes this false, and a mark coming later finds the attempt closed and aborts its message.
     */
    boolean finishStaleAttempt(Stale row, String outcome, String error, Instant now) {
        return jdbc.sql("""
                UPDATE notification_attempts SET outcome = :outcome, finished_at = :now, error = :error
                WHERE tenant_id = :t AND id = :attempt AND outcome = 'SENDING'
                  AND (NOT observes_commit OR (committed_at IS NULL) = :unmarked)
                """)
                        .param("outcome", outcome)
                        .param("error", error)
                        .param("now", Timestamp.from(now))
                        .param("t", row.tenant().value())
                        .param("attempt", row.attempt())
                        .param("unmarked", row.committedAt() == null)
                        .update()
                != 0;
    }

    /** The provider's attempt with this provider message id or this attempt id. */
    Optional<ReportedAttempt> reportedAttempt(
            TenantId tenant, UUID providerId, String providerMessageId, UUID attemptId) {
        return jdbc.sql("""
                SELECT id, notification_id, outcome FROM notification_attempts
                WHERE tenant_id = :t AND provider_id = :p
                  AND (provider_message_id = :pmid OR id = :attempt)
                LIMIT 1
                """)
                .param("t", tenant.value())
                .param("p", providerId)
                .param("pmid", providerMessageId)
                .param("attempt", attemptId)
                .query((rs, n) -> new ReportedAttempt(
                        rs.getObject("id", UUID.class),
                        rs.getObject("notification_id", UUID.class),
                        rs.getString("outcome")))
                .optional();
    }

    /** Notes the provider's status on the attempt; it settles an UNKNOWN outcome: sent/delivered/read SENT, failed FAILED. */
    void noteDeliveryStatus(
            TenantId tenant, UUID attempt, String providerMessageId, String status, String error, Instant now) {
        jdbc.sql("""
                UPDATE notification_attempts SET delivery_status = :status, delivery_updated_at = :now,
                       provider_message_id = coalesce(provider_message_id, :pmid),
                       outcome = CASE WHEN outcome <> 'UNKNOWN' THEN outcome
                                      WHEN CAST(:status AS text) IN ('sent', 'delivered', 'read') THEN 'SENT'
                                      WHEN CAST(:status AS text) IN ('failed', 'undelivered') THEN 'FAILED'
                                      ELSE outcome END,
                       error = coalesce(CAST(:error AS text), error)
                WHERE tenant_id = :t AND id = :id
                """)
                .param("status", status)
                .param("now", Timestamp.from(now))
                .param("pmid", providerMessageId)
                .param("error", error)
                .param("t", tenant.value())
                .param("id", attempt)
                .update();
    }

    /**
     * Moves the notification to {@code target} if it still rests on this attempt (its latest) and is SENT,
     * FAILED by a crash, or DELIVERED being told DELIVERED again; false when nothing changed.
     */
    boolean settleByReport(TenantId tenant, UUID notification, UUID attempt, String target, String error, Instant now) {
        int changed = jdbc.sql("""
                UPDATE notifications SET status = CAST(:target AS text), updated_at = :now,
                       delivered_at = CASE WHEN CAST(:target AS text) = 'DELIVERED' THEN CAST(:now AS timestamptz) ELSE delivered_at END,
                       sent_at = coalesce(sent_at, CASE WHEN CAST(:target AS text) <> 'FAILED' THEN CAST(:now AS timestamptz) END),
                       last_error = CASE WHEN CAST(:target AS text) = 'FAILED' THEN coalesce(CAST(:error AS text), 'El proveedor no entregó el mensaje')
                                         ELSE NULL END
                WHERE tenant_id = :t AND id = :n
                  AND (SELECT max(number) FROM notification_attempts WHERE notification_id = :n)
                      = (SELECT number FROM notification_attempts WHERE id = :attempt)
                  AND (status = 'SENT' OR (status = 'FAILED' AND last_error = :interrupted)
                       OR (status = 'DELIVERED' AND CAST(:target AS text) = 'DELIVERED'))
                  AND (status <> CAST(:target AS text) OR last_error = :interrupted)
                """)
                .param("target", target)
                .param("now", Timestamp.from(now))
                .param("error", error)
                .param("t", tenant.value())
                .param("n", notification)
                .param("attempt", attempt)
                .param("interrupted", Dispatcher.INTERRUPTED)
                .update();
        return changed != 0;
    }
}
