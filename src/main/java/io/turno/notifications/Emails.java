package io.turno.notifications;

import io.turno.shared.Actor;

/**
 * A plain email from another module (a report ready for its owner), sent through the notifications
 * outbox like every other message: retried, with its attempts recorded.
 */
public interface Emails {

    /** Queues the email in {@code sender}'s tenant; false when it could not be queued (no address, say). */
    boolean send(Actor sender, String toName, String toEmail, String subject, String body, String language);
}
