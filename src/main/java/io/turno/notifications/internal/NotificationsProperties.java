package io.turno.notifications.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code turno.notifications.*}: the dispatcher's pace and patience.
 *
 * @param maxAttempts    attempts before a notification ends FAILED (re-sendable by hand)
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff     the longest wait between attempts
 * @param lease          how long an attempt may stay SENDING before it is taken for interrupted
 * @param batchSize      notifications one dispatcher run claims at a time
 * @param from           the sender address of emails
 */
@ConfigurationProperties("turno.notifications")
public record NotificationsProperties(
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("PT30S") Duration initialBackoff,
        @DefaultValue("PT1H") Duration maxBackoff,
        @DefaultValue("PT5M") Duration lease,
        @DefaultValue("50") int batchSize,
        @DefaultValue("Turno <no-reply@turno.local>") String from,
        @DefaultValue Worker worker) {

    /** {@code worker.enabled=false} leaves dispatch to whoever calls {@link Dispatcher#runOnce()}. */
    public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("PT5S") Duration every) {
    }
}
