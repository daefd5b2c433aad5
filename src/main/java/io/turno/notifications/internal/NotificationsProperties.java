package io.turno.notifications.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code turno.notifications.*}: the dispatcher's pace and patience.
 *
 * @param maxAttempts    attempts on one channel before a notification falls back to its next channel or ends
 *                       FAILED (re-sendable by hand)
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff     the longest wait between attempts
 * @param maxAge         how long after its send time a notification is still tried: older, a failure is final
 * @param lease          how long an attempt may stay SENDING before it is taken for interrupted, whatever
 *                       the heartbeat of the instance that claimed it says
 * @param batchSize      notifications one dispatcher run claims at a time
 * @param from           the sender address of emails
 * @param secretKey      base64 AES key (16, 24 or 32 bytes) that encrypts providers' secrets; random per start if unset
 * @param httpTimeout    connect and response timeout towards HTTP providers (WhatsApp, SMS)
 * @param circuit        the circuit breaker kept per provider
 * @param heartbeat      how often each instance says it is alive, and after how long without a word its claims
 *                       are taken back
 * @param publicUrl      where people reach Turno, for the links in messages (a waitlist offer's)
 * @param downtimeAlerts the plant supervisors' alerts about a stopped line
 */
@ConfigurationProperties("turno.notifications")
public record NotificationsProperties(
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("PT30S") Duration initialBackoff,
        @DefaultValue("PT1H") Duration maxBackoff,
        @DefaultValue("P1D") Duration maxAge,
        @DefaultValue("PT5M") Duration lease,
        @DefaultValue("50") int batchSize,
        @DefaultValue("Turno <no-reply@turno.local>") String from,
        String secretKey,
        @DefaultValue("PT10S") Duration httpTimeout,
        @DefaultValue Circuit circuit,
        @DefaultValue Worker worker,
        @DefaultValue Heartbeat heartbeat,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue DowntimeAlerts downtimeAlerts) {

    /**
     * @param every  at most one alert per line in this interval: a line stopping again and again is
     *               one alert, not a flood
     * @param role   the role (code) whose users are alerted
     */
    public record DowntimeAlerts(
            @DefaultValue("PT15M") Duration every,
            @DefaultValue("SUPERVISOR") String role) {}

    /** Stale after three missed beats: a dead instance's claims come back within about 20 s. */
    public record Heartbeat(
            @DefaultValue("PT5S") Duration every,
            @DefaultValue("PT15S") Duration staleAfter) {}

    /**
     * {@code worker.enabled=false} leaves dispatch to whoever calls {@link Dispatcher#runOnce()};
     * {@code concurrency} batches are in progress at once on each instance (one sending while another records).
     */
    public record Worker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT5S") Duration every,
            @DefaultValue("2") int concurrency) {}

    /**
     * @param window          the last calls the failure rate is computed over
     * @param minimumCalls    calls needed in the window before the circuit may open
     * @param failureRate     percentage of failed calls (5xx, 429, timeouts) that opens it
     * @param waitOpen        how long an open circuit refuses calls before letting a few through
     * @param halfOpenCalls   calls let through to test a provider again
     */
    public record Circuit(
            @DefaultValue("20") int window,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("50") int failureRate,
            @DefaultValue("PT30S") Duration waitOpen,
            @DefaultValue("2") int halfOpenCalls) {}
}
