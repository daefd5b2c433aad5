package io.turno.notifications.internal;

import java.util.List;
import java.util.Map;

import io.turno.notifications.Emails;
import io.turno.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.validation.BindException;

/** {@link Emails}: a notification on the EMAIL channel, with its own subject and body (no template). */
@Service
class DirectEmails implements Emails {

    private static final Logger log = LoggerFactory.getLogger(DirectEmails.class);

    private final NotificationService notifications;

    DirectEmails(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public boolean send(Actor sender, String toName, String toEmail, String subject, String body, String language) {
        var command = new NotificationService.NotificationCommand(
                null,
                new NotificationService.Recipient(toName, toEmail, null, null),
                Channel.EMAIL,
                null,
                language,
                Map.of(),
                subject,
                body,
                List.of(),
                null);
        try {
            notifications.create(sender, command);
            return true;
        } catch (BindException e) {
            log.warn("Email to {} not queued: {}", toEmail, e.getMessage());
            return false;
        }
    }
}
