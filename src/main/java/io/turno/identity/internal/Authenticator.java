package io.turno.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.internal.AuthenticationFailures.AccountLocked;
import io.turno.identity.internal.AuthenticationFailures.InvalidCredentials;
import io.turno.identity.internal.IdentityStore.LoginAccount;
import io.turno.shared.RequestContext;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks {@code tenant + username + password} for the login form and the API alike: lockout after
 * consecutive failures, audit of every attempt, and bcrypt hashes re-hashed to Argon2id on success.
 */
@Component
class Authenticator {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Authenticator.class);

    private final IdentityStore store;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final IdentityProperties.Lockout lockout;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final IpFailures ipFailures;
    // Verified when the account does not exist, so an unknown user costs as much as a wrong password.
    private final String dummyHash;

    Authenticator(
            IdentityStore store,
            PasswordEncoder passwords,
            AuditLog audit,
            IdentityProperties properties,
            Clock clock,
            TransactionTemplate transactions,
            IpFailures ipFailures) {
        this.transactions = transactions;
        this.ipFailures = ipFailures;
        this.store = store;
        this.passwords = passwords;
        this.audit = audit;
        this.lockout = properties.lockout();
        this.clock = clock;
        this.dummyHash = passwords.encode("not-a-real-password-0");
    }

    /**
     * The tenant is found by its slug first; the account is then read inside that tenant's scope.
     * Every failure also counts against the request's client address, which locks like an account does.
     */
    LoginAccount authenticate(String tenantSlug, String username, String password, String channel) {
        Instant now = clock.instant();
        String ip = RequestContext.currentClientIp();
        var address = ip == null ? Optional.<IpFailures.Record>empty() : ipFailures.find(ip);
        if (address.isPresent() && address.get().lockedAt(now)) {
            throw AccountLocked.address(Duration.between(now, address.get().lockedUntil()));
        }
        try {
            TenantId tenant = store.tenantBySlug(normalize(tenantSlug)).orElse(null);
            if (tenant == null) {
                passwords.matches(password, dummyHash);
                throw new InvalidCredentials();
            }
            LoginAccount account = TenantScope.call(tenant, () -> attempt(tenant, username, password, channel));
            if (address.isPresent()) {
                ipFailures.reset(ip);
            }
            return account;
        } catch (InvalidCredentials failure) {
            if (ip != null
                    && ipFailures.recordFailure(ip, lockout.maxFailuresPerIp(), now.plus(lockout.duration()), now)) {
                log.warn(
                        "Sign-in from {} locked for {} after {} consecutive failures",
                        ip,
                        lockout.duration(),
                        lockout.maxFailuresPerIp());
            }
            throw failure;
        }
    }

    /**
     * The password is checked outside any transaction: no pooled connection waits on a hash, which
     * takes tens of milliseconds and may queue behind other sign-ins (see PasswordHashing). The
     * outcome is then written in a transaction that commits even when the sign-in fails.
     */
    private LoginAccount attempt(TenantId tenant, String username, String password, String channel) {
        LoginAccount account =
                store.loginAccount(tenant, username == null ? "" : username).orElse(null);
        if (account == null) {
            passwords.matches(password, dummyHash);
            throw new InvalidCredentials();
        }
        Instant now = clock.instant();
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            throw new AccountLocked(Duration.between(now, account.lockedUntil()));
        }
        boolean valid =
                passwords.matches(password, account.passwordHash()) && account.active() && account.tenantActive();
        String rehashed =
                valid && passwords.upgradeEncoding(account.passwordHash()) ? passwords.encode(password) : null;
        return CommittedFailures.run(
                transactions,
                () -> valid ? succeed(account, rehashed, channel) : fail(account),
                InvalidCredentials.class,
                AccountLocked.class);
    }

    private LoginAccount succeed(LoginAccount account, String rehashed, String channel) {
        if (rehashed != null) {
            store.changePassword(account.tenantId(), account.userId(), rehashed);
        }
        store.recordLogin(account.tenantId(), account.userId());
        record(account, "LOGIN", Map.of("channel", channel));
        return account;
    }

    private LoginAccount fail(LoginAccount account) {
        Instant now = clock.instant();
        record(account, "LOGIN_FAILED", Map.of());
        if (store.recordFailure(
                account.tenantId(), account.userId(), lockout.maxFailures(), now.plus(lockout.duration()))) {
            record(
                    account,
                    "LOCKED",
                    Map.of("until", now.plus(lockout.duration()).toString()));
        }
        throw new InvalidCredentials();
    }

    void record(LoginAccount account, String action, Map<String, ?> summary) {
        audit.record(new AuditEntry(
                account.tenantId(),
                account.userId(),
                account.username(),
                action,
                "user",
                account.userId().toString(),
                summary));
    }

    private static String normalize(String tenant) {
        return tenant == null ? "" : tenant.trim().toLowerCase();
    }
}
