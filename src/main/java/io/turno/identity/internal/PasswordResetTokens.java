package io.turno.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The emailed "forgot password" links, by the SHA-256 of their secret (the secret itself is never stored). */
@Repository
class PasswordResetTokens {

    record ResetToken(TenantId tenant, UUID userId, Instant expiresAt, Instant usedAt) {}

    private final JdbcClient jdbc;

    PasswordResetTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new link for the user; the user's earlier unused links stop working (only the newest email counts). */
    void issue(TenantId tenant, UUID userId, String tokenHash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                UPDATE identity_password_resets SET used_at = :now
                WHERE tenant_id = :tenant AND user_id = :user AND used_at IS NULL""")
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("user", userId)
                .update();
        jdbc.sql("""
                INSERT INTO identity_password_resets (token_hash, tenant_id, user_id, created_at, expires_at)
                VALUES (:hash, :tenant, :user, :now, :expires)""")
                .param("hash", tokenHash)
                .param("tenant", tenant.value())
                .param("user", userId)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    record Recipient(UUID userId, String username, String fullName, String email) {}

    /**
     * The active accounts a "forgot password" form names: by username, else every account with that
     * email (both compared without case); an account without an email cannot be helped this way.
     */
    java.util.List<Recipient> recipients(TenantId tenant, String login) {
        var byName = recipients(tenant, "lower(username) = lower(:login)", login);
        return byName.isEmpty() ? recipients(tenant, "lower(email) = lower(:login)", login) : byName;
    }

    private java.util.List<Recipient> recipients(TenantId tenant, String condition, String login) {
        return jdbc.sql("SELECT id, username, full_name, email FROM users WHERE tenant_id = :tenant AND active"
                        + " AND email IS NOT NULL AND email <> '' AND " + condition + " ORDER BY username LIMIT 5")
                .param("tenant", tenant.value())
                .param("login", login)
                .query((rs, row) -> new Recipient(
                        rs.getObject("id", UUID.class),
                        rs.getString("username"),
                        rs.getString("full_name"),
                        rs.getString("email")))
                .list();
    }

    /** Run unscoped: the link names no organization, its hash finds it. */
    Optional<ResetToken> find(String tokenHash) {
        return jdbc.sql("""
                SELECT tenant_id, user_id, expires_at, used_at FROM identity_password_resets
                WHERE token_hash = :hash""")
                .param("hash", tokenHash)
                .query((rs, row) -> new ResetToken(
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") == null
                                ? null
                                : rs.getTimestamp("used_at").toInstant()))
                .optional();
    }

    /**
     * Marks the link used if it still works: true for exactly one of any number of concurrent
     * attempts, so a link changes a password once.
     */
    boolean use(TenantId tenant, String tokenHash, Instant now) {
        return jdbc.sql("""
                        UPDATE identity_password_resets SET used_at = :now
                        WHERE tenant_id = :tenant AND token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenant.value())
                        .param("hash", tokenHash)
                        .update()
                == 1;
    }
}
