package io.turno.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.CurrentUser;
import io.turno.identity.internal.AuthenticationFailures.InvalidCredentials;
import io.turno.identity.internal.AuthenticationFailures.TokenRejected;
import io.turno.shared.BusinessException;
import io.turno.shared.LinkSecrets;
import io.turno.shared.NotFound;
import io.turno.shared.ProblemCode;
import io.turno.shared.RequestContext;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Logins become sessions; sessions hand out access tokens and rotating refresh tokens. */
@Service
public class AuthService {

    /** What login and refresh answer. */
    public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    /** Who the caller is, as {@code GET /api/v1/auth/me} answers. */
    public record Me(
            UUID userId,
            UUID tenantId,
            String tenant,
            String username,
            @Nullable String email,
            String fullName,
            java.util.SortedSet<String> roles,
            java.util.SortedSet<String> permissions,
            Instant created) {}

    /** An open session of the user, as {@code GET /api/v1/auth/sessions} lists it. */
    public record SessionView(
            UUID id, @Nullable String ip, @Nullable String userAgent, Instant createdAt, Instant lastSeenAt) {}

    private final Authenticator authenticator;
    private final UserSessions sessions;
    private final AccessTokens accessTokens;
    private final IdentityStore store;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final IdentityProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final UsersService users;
    private final SessionCache openSessions;

    AuthService(
            Authenticator authenticator,
            UserSessions sessions,
            AccessTokens accessTokens,
            IdentityStore store,
            PasswordEncoder passwords,
            AuditLog audit,
            IdentityProperties properties,
            Clock clock,
            TransactionTemplate transactions,
            UsersService users,
            SessionCache openSessions) {
        this.openSessions = openSessions;
        this.transactions = transactions;
        this.users = users;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.store = store;
        this.passwords = passwords;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Not one transaction: a failed attempt's lockout count must commit while the login fails. */
    public Tokens login(String tenant, String username, String password, String userAgent) {
        var account = authenticator.authenticate(tenant, username, password, "api");
        return TenantScope.call(
                account.tenantId(), () -> transactions.execute(status -> openSession(account, userAgent)));
    }

    static final class RegistrationClosed extends BusinessException {
        RegistrationClosed() {
            super(
                    HttpStatus.FORBIDDEN,
                    ProblemCode.INSUFFICIENT_PERMISSIONS,
                    "Esta organización no admite el registro en línea; pide tu cuenta en recepción.");
        }
    }

    /**
     * Self-registration (seed 004) for tenants whose settings enable it: a PATIENT account, signed
     * in at once. An unknown tenant gets the same answer as a closed one.
     */
    public Tokens register(
            String tenantSlug, String username, String fullName, String email, String password, String userAgent) {
        TenantId tenant = store.tenantBySlug(
                        tenantSlug == null ? "" : tenantSlug.trim().toLowerCase())
                .filter(store::selfRegistrationOpen)
                .orElseThrow(RegistrationClosed::new);
        // A weak password is said before a taken username: the name is not revealed to a careless try.
        PasswordPolicy.require(password);
        return TenantScope.call(
                tenant,
                () -> transactions.execute(status -> {
                    UUID id = addPatient(tenant, username, fullName, email, password);
                    var account = store.account(tenant, id).orElseThrow();
                    return openSession(account, userAgent);
                }));
    }

    /** A self-registered PATIENT account, audited; the caller holds the tenant's scope and transaction. */
    UUID addPatient(TenantId tenant, String username, String fullName, String email, String password) {
        UUID id = users.add(
                tenant,
                new UsersService.NewUser(
                        username, fullName, email, password, java.util.Set.of(BuiltInRole.PATIENT.name()), true));
        audit.record(new AuditEntry(
                tenant,
                id,
                username,
                "CREATE",
                "user",
                id.toString(),
                Map.of(
                        "username",
                        username,
                        "roles",
                        List.of(BuiltInRole.PATIENT.name()),
                        "channel",
                        "self_registration")));
        return id;
    }

    private Tokens openSession(IdentityStore.LoginAccount account, String userAgent) {
        String secret = LinkSecrets.random();
        UUID sessionId = createSession(account, userAgent, secret);
        return tokens(account.userId(), account.tenantId(), sessionId, account.roles(), secret);
    }

    /**
     * A browser sign-in gets a session row like an API login (same limit, idle timeout, listing and
     * ending); its refresh secret is never handed out, so it cannot be refreshed through the API.
     */
    UUID openWebSession(IdentityStore.LoginAccount account, String userAgent) {
        return TenantScope.call(
                account.tenantId(),
                () -> transactions.execute(status -> createSession(account, userAgent, LinkSecrets.random())));
    }

    /** The session records the address it was opened from, which its owner sees in the list of sessions. */
    private UUID createSession(IdentityStore.LoginAccount account, String userAgent, String secret) {
        Instant now = clock.instant();
        sessions.lockUser(account.tenantId(), account.userId());
        sessions.endOldestBeyond(
                account.tenantId(), account.userId(), properties.sessions().maxConcurrent() - 1, now);
        UUID sessionId = UUID.randomUUID();
        sessions.create(
                sessionId,
                account.tenantId(),
                account.userId(),
                RequestContext.currentClientIp(),
                truncate(userAgent),
                now,
                LinkSecrets.sha256(secret),
                now.plus(properties.tokens().refreshTtl()));
        return sessionId;
    }

    /**
     * Exchanges a refresh token ({@code <tenant>.<session>.<secret>}) for a new pair. A token that
     * was already exchanged (or was never issued for that session) ends the whole session: someone
     * else holds a copy. The tenant the token names only scopes the lookup; a wrong one finds nothing.
     */
    public Tokens refresh(String refreshToken) {
        String[] parts = refreshToken == null ? new String[0] : refreshToken.split("\\.", 3);
        UUID tenant = parts.length == 3 ? parseUuid(parts[0]) : null;
        UUID sessionId = parts.length == 3 ? parseUuid(parts[1]) : null;
        if (tenant == null || sessionId == null) {
            throw new TokenRejected(AccessTokens.Rejection.INVALID);
        }
        return TenantScope.call(
                new TenantId(tenant),
                () -> CommittedFailures.run(
                        transactions, () -> rotate(new TenantId(tenant), sessionId, parts[2]), TokenRejected.class));
    }

    private Tokens rotate(TenantId tenant, UUID sessionId, String secret) {
        var session = sessions.forUpdate(tenant, sessionId).orElse(null);
        Instant now = clock.instant();
        if (session == null || session.ended()) {
            throw new TokenRejected(AccessTokens.Rejection.INVALID);
        }
        if (!MessageDigest.isEqual(
                session.refreshTokenHash().getBytes(StandardCharsets.US_ASCII),
                LinkSecrets.sha256(secret).getBytes(StandardCharsets.US_ASCII))) {
            sessions.end(session.tenantId(), session.id(), "TOKEN_REUSE", now);
            audit.record(new AuditEntry(
                    session.tenantId(),
                    session.userId(),
                    null,
                    "TOKEN_REUSE",
                    "session",
                    session.id().toString(),
                    Map.of()));
            throw new TokenRejected(AccessTokens.Rejection.INVALID);
        }
        if (!session.refreshExpiresAt().isAfter(now)) {
            sessions.end(session.tenantId(), session.id(), "EXPIRED", now);
            throw new TokenRejected(AccessTokens.Rejection.EXPIRED);
        }
        if (!session.lastSeenAt().isAfter(idleCutoff(now))) {
            sessions.end(session.tenantId(), session.id(), "IDLE", now);
            throw new TokenRejected(AccessTokens.Rejection.INVALID);
        }
        var account = store.account(session.tenantId(), session.userId())
                .filter(a -> a.active() && a.tenantActive())
                .orElseThrow(() -> new TokenRejected(AccessTokens.Rejection.INVALID));
        String newSecret = LinkSecrets.random();
        sessions.rotate(
                session.tenantId(),
                session.id(),
                LinkSecrets.sha256(newSecret),
                now.plus(properties.tokens().refreshTtl()),
                now);
        return tokens(account.userId(), account.tenantId(), session.id(), account.roles(), newSecret);
    }

    /** A request's caller and the session its token belongs to. */
    record Caller(CurrentUser user, UUID sessionId) {}

    /** The claims of a well-signed, unexpired access token; whether its session is open is checked next. */
    AccessTokens.Claims verify(String accessToken) {
        try {
            return accessTokens.verify(accessToken);
        } catch (AccessTokens.Rejected rejected) {
            throw new TokenRejected(rejected.reason);
        }
    }

    /** The user behind verified claims whose session is open and not idle. */
    Caller authenticate(AccessTokens.Claims claims) {
        return new Caller(
                openSessionUser(claims.tenantId(), claims.sessionId(), claims.userId())
                        .orElseThrow(() -> new TokenRejected(AccessTokens.Rejection.INVALID)),
                claims.sessionId());
    }

    /**
     * The user of a session that is still open, not idle, of an active user and tenant, with the
     * roles and permissions they hold now; marks the session seen. An idle session is ended. From
     * memory when this instance checked the session a moment ago; else one statement reads and
     * marks, without a transaction, and ending an idle session is one more.
     */
    Optional<CurrentUser> openSessionUser(TenantId tenant, UUID sessionId, UUID userId) {
        Instant now = clock.instant();
        var cached = openSessions.user(tenant, sessionId, userId, now);
        if (cached.isPresent()) {
            return cached;
        }
        long readAt = openSessions.generation();
        var found = store.touchSession(tenant, sessionId, userId, idleCutoff(now), now)
                .orElse(null);
        if (found == null) {
            return Optional.empty();
        }
        if (!found.lastSeenAt().isAfter(idleCutoff(now))) {
            sessions.end(tenant, sessionId, "IDLE", now);
            return Optional.empty();
        }
        var account = found.account();
        if (!account.active() || !account.tenantActive()) {
            return Optional.empty();
        }
        var user = account.toCurrentUser();
        // The statement wrote the seen-time unless it had been written less than SEEN_EVERY ago.
        Instant seenAt = found.lastSeenAt().isAfter(now.minus(SessionCache.SEEN_EVERY)) ? found.lastSeenAt() : now;
        openSessions.remember(sessionId, user, seenAt, readAt);
        return Optional.of(user);
    }

    @Transactional
    public void logout(CurrentUser user, UUID sessionId) {
        sessions.endOwn(user.tenantId(), user.userId(), sessionId, "LOGOUT", clock.instant());
        audit.record(AuditEntry.by(user, "LOGOUT", "session", sessionId.toString(), Map.of()));
    }

    /** Changes the password and ends every other session of the user. */
    @Transactional
    public void changePassword(CurrentUser user, UUID currentSession, String currentPassword, String newPassword) {
        var account = store.account(user.tenantId(), user.userId()).orElseThrow(InvalidCredentials::new);
        if (!passwords.matches(currentPassword, account.passwordHash())) {
            throw new InvalidCredentials();
        }
        PasswordPolicy.require(newPassword);
        store.changePassword(user.tenantId(), user.userId(), passwords.encode(newPassword));
        int ended = sessions.endAllExcept(
                user.tenantId(), user.userId(), currentSession, "PASSWORD_CHANGED", clock.instant());
        audit.record(AuditEntry.by(
                user,
                "UPDATE",
                "user",
                user.userId().toString(),
                Map.of("password", "changed", "sessions_ended", ended)));
    }

    /** Read when the request was authenticated, a moment ago: no query of its own. */
    public Me me(CurrentUser user) {
        return new Me(
                user.userId(),
                user.tenantId().value(),
                user.tenantSlug(),
                user.username(),
                user.email(),
                user.fullName(),
                new java.util.TreeSet<>(user.roles()),
                new java.util.TreeSet<>(user.permissions()),
                user.createdAt());
    }

    @Transactional(readOnly = true)
    public List<SessionView> openSessions(CurrentUser user) {
        return sessions.open(user.tenantId(), user.userId(), idleCutoff(clock.instant()));
    }

    @Transactional
    public void endSession(CurrentUser user, UUID sessionId) {
        if (!sessions.endOwn(user.tenantId(), user.userId(), sessionId, "REVOKED", clock.instant())) {
            throw new NotFound("Sesión", sessionId);
        }
        audit.record(AuditEntry.by(user, "DELETE", "session", sessionId.toString(), Map.of()));
    }

    private Tokens tokens(UUID userId, TenantId tenant, UUID sessionId, java.util.Set<String> roles, String secret) {
        return new Tokens(
                accessTokens.issue(userId, tenant, sessionId, roles),
                tenant + "." + sessionId + "." + secret,
                "bearer",
                accessTokens.ttlSeconds());
    }

    private Instant idleCutoff(Instant now) {
        return now.minus(properties.sessions().idleTimeout());
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
    }

    /** The session the request's bearer token belongs to (set by the token filter). */
    public static UUID sessionAttribute(jakarta.servlet.http.HttpServletRequest request) {
        return (UUID) request.getAttribute(BearerTokenFilter.SESSION_ATTRIBUTE);
    }

    /** The session row the browser's sign-in opened; null when the caller did not sign in through the form. */
    public static UUID webSession(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof TenantLoginDetails login
                ? login.sessionId()
                : null;
    }

    static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
