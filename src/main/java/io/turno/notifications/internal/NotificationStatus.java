package io.turno.notifications.internal;

/**
 * PENDING → SENDING → SENT → DELIVERED (the provider's report), or FAILED (refused for good, retries
 * and fallbacks exhausted, or outcome unknown after a crash; the dead letter, re-sendable) / CANCELLED.
 */
public enum NotificationStatus {
    PENDING,
    SENDING,
    SENT,
    DELIVERED,
    FAILED,
    CANCELLED
}
