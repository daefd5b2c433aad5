package io.turno.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code user_sessions}; every statement names the tenant. */
@Repository
class UserSessions {

    record OpenSession(
            UUID id,
            UUID userId,
            TenantId tenantId,
            String refreshTokenHash,
            Instant refreshExpiresAt,
            Instant lastSeenAt,
            boolean ended) {}

    private final JdbcClient jdbc;

    private final SessionCache openSessions;

    UserSessions(JdbcClient jdbc, SessionCache openSessions) {
        this.jdbc = jdbc;
        this.openSessions = openSessions;
    }

    void create(
            UUID id,
            TenantId tenant,
            UUID userId,
            String ip,
            String userAgent,
            Instant now,
            String refreshHash,
            Instant refreshExpiresAt) {
        jdbc.sql("""
                INSERT INTO user_sessions (id, tenant_id, user_id, ip, user_agent, created_at, last_seen_at,
                                           refresh_token_hash, refresh_expires_at)
                VALUES (:id, :tenant, :user, :ip, :ua, :now, :now, :hash, :expires)
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("user", userId)
                .param("ip", ip)
                .param("ua", userAgent)
                .param("now", Timestamp.from(now))
                .param("hash", refreshHash)
                .param("expires", Timestamp.from(refreshExpiresAt))
                .update();
    }

    /** Serialises logins of one user, so the session limit holds under concurrent logins. */
    void lockUser(TenantId tenant, UUID userId) {
        jdbc.sql("SELECT id FROM users WHERE id = :user AND tenant_id = :tenant FOR UPDATE")
                .param("user", userId)
                .param("tenant", tenant.value())
                .query()
                .listOfRows();
    }

    /** Ends the oldest open sessions so that at most {@code keep} remain. */
    List<UUID> endOldestBeyond(TenantId tenant, UUID userId, int keep, Instant now) {
        List<UUID> ended = jdbc.sql("""
                UPDATE user_sessions SET ended_at = :now, end_reason = 'SESSION_LIMIT'
                WHERE id IN (SELECT id FROM user_sessions
                             WHERE tenant_id = :tenant AND user_id = :user AND ended_at IS NULL
                             ORDER BY created_at DESC OFFSET :keep)
                RETURNING id
                """)
                .param("tenant", tenant.value())
                .param("user", userId)
                .param("keep", Math.max(0, keep))
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .list();
        ended.forEach(openSessions::forgetSessionAfterCommit);
        return ended;
    }

    /** Locks the session row: a refresh token is exchanged at most once, even when sent twice at once. */
    Optional<OpenSession> forUpdate(TenantId tenant, UUID sessionId) {
        return jdbc.sql("""
                SELECT id, user_id, tenant_id, refresh_token_hash, refresh_expires_at, last_seen_at, ended_at IS NOT NULL AS ended
                FROM user_sessions WHERE id = :id AND tenant_id = :tenant FOR UPDATE
                """)
                .param("id", sessionId)
                .param("tenant", tenant.value())
                .query((rs, n) -> new OpenSession(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getString("refresh_token_hash"),
                        rs.getTimestamp("refresh_expires_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant(),
                        rs.getBoolean("ended")))
                .optional();
    }

    void rotate(TenantId tenant, UUID sessionId, String refreshHash, Instant refreshExpiresAt, Instant now) {
        jdbc.sql("""
                UPDATE user_sessions SET refresh_token_hash = :hash, refresh_expires_at = :expires, last_seen_at = :now
                WHERE id = :id AND tenant_id = :tenant AND ended_at IS NULL
                """)
                .param("id", sessionId)
                .param("tenant", tenant.value())
                .param("hash", refreshHash)
                .param("expires", Timestamp.from(refreshExpiresAt))
                .param("now", Timestamp.from(now))
                .update();
    }

    boolean end(TenantId tenant, UUID sessionId, String reason, Instant now) {
        boolean changed = jdbc.sql("""
                UPDATE user_sessions SET ended_at = :now, end_reason = :reason
                WHERE id = :id AND tenant_id = :tenant AND ended_at IS NULL
                """)
                        .param("now", Timestamp.from(now))
                        .param("reason", reason)
                        .param("id", sessionId)
                        .param("tenant", tenant.value())
                        .update()
                == 1;
        openSessions.forgetSessionAfterCommit(sessionId);
        return changed;
    }

    boolean endOwn(TenantId tenant, UUID userId, UUID sessionId, String reason, Instant now) {
        boolean changed = jdbc.sql("""
                UPDATE user_sessions SET ended_at = :now, end_reason = :reason
                WHERE id = :id AND tenant_id = :tenant AND user_id = :user AND ended_at IS NULL
                """)
                        .param("now", Timestamp.from(now))
                        .param("reason", reason)
                        .param("id", sessionId)
                        .param("tenant", tenant.value())
                        .param("user", userId)
                        .update()
                == 1;
        openSessions.forgetSessionAfterCommit(sessionId);
        return changed;
    }

    /** Ends the user's open sessions but {@code keep} (null: all of them). */
    int endAllExcept(TenantId tenant, UUID userId, UUID keep, String reason, Instant now) {
        int changed = jdbc.sql("""
                UPDATE user_sessions SET ended_at = :now, end_reason = :reason
                WHERE tenant_id = :tenant AND user_id = :user AND ended_at IS NULL
                  AND id IS DISTINCT FROM CAST(:keep AS uuid)
                """)
                .param("now", Timestamp.from(now))
                .param("reason", reason)
                .param("tenant", tenant.value())
                .param("user", userId)
                .param("keep", keep)
                .update();
        openSessions.forgetUserAfterCommit(userId);
        return changed;
    }

    int endAllOfTenant(TenantId tenant, String reason, Instant now) {
        int changed = jdbc.sql(
                        "UPDATE user_sessions SET ended_at = :now, end_reason = :reason WHERE tenant_id = :tenant AND ended_at IS NULL")
                .param("now", Timestamp.from(now))
                .param("reason", reason)
                .param("tenant", tenant.value())
                .update();
        openSessions.forgetTenantAfterCommit(tenant);
        return changed;
    }

    List<AuthService.SessionView> open(TenantId tenant, UUID userId, Instant idleCutoff) {
        return jdbc.sql("""
                SELECT id, ip, user_agent, created_at, last_seen_at FROM user_sessions
                WHERE tenant_id = :tenant AND user_id = :user AND ended_at IS NULL AND last_seen_at > :cutoff
                ORDER BY created_at DESC
                """)
                .param("tenant", tenant.value())
                .param("user", userId)
                .param("cutoff", Timestamp.from(idleCutoff))
                .query((rs, n) -> new AuthService.SessionView(
                        rs.getObject("id", UUID.class),
                        rs.getString("ip"),
                        rs.getString("user_agent"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant()))
                .list();
    }
}
