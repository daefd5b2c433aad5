package io.turno.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.PasswordResetMail;
import io.turno.identity.TenantDirectory;
import io.turno.shared.LinkSecrets;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot password": an emailed link that works once, for {@link #VALID_FOR}. Asking answers the
 * same whether or not the account exists (the caller learns nothing); each request and each reset
 * is audited. Only the SHA-256 of a link's secret is stored, and the secret is never logged.
 */
@Service
public class PasswordResets {

    static final Duration VALID_FOR = Duration.ofMinutes(30);

    /** What a link in an address is: usable, or why not (the page says which). */
    public enum LinkState {
        VALID,
        EXPIRED,
        USED,
        UNKNOWN
    }

    private final PasswordResetTokens tokens;
    private final IdentityStore store;
    private final TenantDirectory tenants;
    private final UserSessions sessions;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final ObjectProvider<PasswordResetMail> mail;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PasswordResets(
            PasswordResetTokens tokens,
            IdentityStore store,
            TenantDirectory tenants,
            UserSessions sessions,
            PasswordEncoder passwords,
            AuditLog audit,
            ObjectProvider<PasswordResetMail> mail,
            TransactionTemplate transactions,
            Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.tenants = tenants;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.mail = mail;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Emails a link to each active account of the organization {@code tenantSlug} whose username (or
     * else email) is {@code login}. Answers nothing: an unknown organization or account looks the
     * same to the caller. {@code linkPrefix} is the reset page's address up to the secret.
     */
    public void request(String tenantSlug, String login, String linkPrefix, String language) {
        String typed = login == null ? "" : login.strip();
        Optional<TenantId> tenant = tenantSlug == null || typed.isEmpty()
                ? Optional.empty()
                : tenants.bySlug(tenantSlug)
                        .filter(TenantDirectory.TenantSummary::active)
                        .map(TenantDirectory.TenantSummary::id);
        if (tenant.isEmpty()) {
            return;
        }
        TenantScope.run(
                tenant.get(),
                () -> transactions.executeWithoutResult(status -> {
                    var recipients = tokens.recipients(tenant.get(), typed);
                    if (recipients.isEmpty()) {
                        audit.record(new AuditEntry(
                                tenant.get(),
                                null,
                                null,
                                "PASSWORD_RESET_REQUESTED",
                                "user",
                                null,
                                Map.of("account", "unknown")));
                        return;
                    }
                    Instant now = clock.instant();
                    for (var recipient : recipients) {
                        String secret = LinkSecrets.random();
                        tokens.issue(
                                tenant.get(), recipient.userId(), LinkSecrets.sha256(secret), now, now.plus(VALID_FOR));
                        audit.record(new AuditEntry(
                                tenant.get(),
                                recipient.userId(),
                                recipient.username(),
                                "PASSWORD_RESET_REQUESTED",
                                "user",
                                recipient.userId().toString(),
                                Map.of("expires_at", now.plus(VALID_FOR).toString())));
                        mail.ifAvailable(sender -> sender.send(new PasswordResetMail.ResetLink(
                                tenant.get(),
                                recipient.userId(),
                                recipient.fullName(),
                                recipient.email(),
                                linkPrefix + secret,
                                VALID_FOR,
                                language)));
                    }
                }));
    }

    /** Whether the link still works, read before the page shows its form. */
    public LinkState check(String secret) {
        return state(find(secret).orElse(null));
    }

    /**
     * Sets the new password through the link, once: the link is spent, every session of the user
     * ends, and the change is audited. A weak password is refused before the link is spent.
     *
     * @return the link's state before the attempt; anything but {@code VALID} changed nothing
     */
    public LinkState reset(String secret, String newPassword) {
        var token = find(secret).orElse(null);
        LinkState state = state(token);
        if (state != LinkState.VALID) {
            return state;
        }
        PasswordPolicy.require(newPassword);
        // Hashed before the transaction: a hash takes a core for a while and must hold no connection.
        String hash = passwords.encode(newPassword);
        Boolean changed = TenantScope.call(
                token.tenant(),
                () -> transactions.execute(status -> {
                    Instant now = clock.instant();
                    if (!tokens.use(token.tenant(), LinkSecrets.sha256(secret), now)) {
                        return false;
                    }
                    store.changePassword(token.tenant(), token.userId(), hash);
                    int ended = sessions.endAllExcept(token.tenant(), token.userId(), null, "PASSWORD_RESET", now);
                    var account = store.account(token.tenant(), token.userId()).orElseThrow();
                    audit.record(new AuditEntry(
                            token.tenant(),
                            token.userId(),
                            account.username(),
                            "PASSWORD_RESET",
                            "user",
                            token.userId().toString(),
                            Map.of("password", "changed", "sessions_ended", ended)));
                    return true;
                }));
        return Boolean.TRUE.equals(changed) ? LinkState.VALID : LinkState.USED;
    }

    private Optional<PasswordResetTokens.ResetToken> find(String secret) {
        if (secret == null || secret.length() < 20 || secret.length() > 100) {
            return Optional.empty();
        }
        return TenantScope.unscoped(() -> tokens.find(LinkSecrets.sha256(secret)));
    }

    private LinkState state(PasswordResetTokens.ResetToken token) {
        if (token == null) {
            return LinkState.UNKNOWN;
        }
        if (token.usedAt() != null) {
            return LinkState.USED;
        }
        return token.expiresAt().isAfter(clock.instant()) ? LinkState.VALID : LinkState.EXPIRED;
    }
}
