package io.turno.notifications.internal;

/** PENDING → SENDING → SENT, or FAILED (retries exhausted or outcome unknown; re-sendable) / CANCELLED. */
public enum NotificationStatus {
    PENDING, SENDING, SENT, FAILED, CANCELLED
}
