package io.turno.identity.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code turno.identity.*}.
 *
 * @param demo      load the {@code demo} tenant with one user per built-in role (off in production)
 * @param bootstrap the first tenant and administrator of a production install, created once when
 *                  no tenant exists yet; {@code platform-password} is that of {@code root}, the
 *                  SUPER_ADMIN of tenant {@code platform} who manages tenants
 * @param tokens    signing key and lifetimes of access and refresh tokens
 * @param sessions  concurrent-session limit and idle timeout
 * @param lockout   consecutive failures that lock an account, and for how long
 * @param rateLimit requests per minute per client IP and per user, stricter for login and refresh
 * @param cors      the cross-origin allow-list of the API
 */
@ConfigurationProperties("turno.identity")
record IdentityProperties(
        @DefaultValue("true") boolean demo,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue Tokens tokens,
        @DefaultValue Sessions sessions,
        @DefaultValue Lockout lockout,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Cors cors) {

    /**
     * @param allowedOrigins origins (scheme://host[:port]) whose browser pages may call {@code /api/**}
     *                       with a bearer token; empty: none, only same-origin pages
     */
    record Cors(@DefaultValue List<String> allowedOrigins) {}

    /**
     * @param signingKey HMAC-SHA256 key, at least 32 bytes (base64); every instance must share it.
     *                   Empty: a random key per start, so tokens do not survive a restart.
     */
    record Tokens(
            String signingKey,
            @DefaultValue("30m") Duration accessTtl,
            @DefaultValue("7d") Duration refreshTtl) {}

    record Sessions(
            @DefaultValue("3") int maxConcurrent,
            @DefaultValue("30m") Duration idleTimeout) {}

    /**
     * @param maxFailures      consecutive failures that lock an account
     * @param maxFailuresPerIp consecutive failures from one address, whatever the account, that lock the
     *                         address; higher than per account because a whole office may share one address
     */
    record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("20") int maxFailuresPerIp,
            @DefaultValue("15m") Duration duration) {}

    /**
     * @param enabled                 off only where one client legitimately floods the API (tests)
     * @param requestsPerMinute       {@code /api/**} requests per client IP and, separately, per signed-in user
     * @param loginRequestsPerMinute  {@code POST /api/v1/auth/login} and {@code /refresh} per client IP
     */
    record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("100") int requestsPerMinute,
            @DefaultValue("10") int loginRequestsPerMinute) {}

    record Bootstrap(
            String tenant,
            @DefaultValue("Turno") String tenantName,
            @DefaultValue("America/Bogota") String timeZone,
            @DefaultValue("admin") String adminUsername,
            String adminPassword,
            String adminEmail,
            String platformPassword) {

        boolean configured() {
            return tenant != null && !tenant.isBlank() && adminPassword != null && !adminPassword.isBlank();
        }
    }
}
