package io.turno.notifications.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.identity.PasswordResetMail;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * The "forgot password" email (identity's {@link PasswordResetMail}): template {@code PASSWORD_RESET}
 * in the reader's language, by email only (a link to a password is not sent by WhatsApp). Created in
 * identity's transaction, dispatched like every notification.
 */
@Component
class PasswordResetMessages implements PasswordResetMail {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PasswordResetMessages.class);

    private record Identity(TenantId tenantId) implements Actor {
        @Override
        public UUID userId() {
            return null;
        }

        @Override
        public String username() {
            return "identity";
        }
    }

    private final NotificationService notifications;

    PasswordResetMessages(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void send(ResetLink link) {
        var command = new NotificationService.NotificationCommand(
                null,
                new NotificationService.Recipient(link.fullName(), link.email(), null, false),
                Channel.EMAIL,
                "PASSWORD_RESET",
                "en".equals(link.language()) ? "en" : "es",
                Map.of(
                        "name",
                        link.fullName(),
                        "link",
                        link.link(),
                        "minutes",
                        Long.toString(link.validFor().toMinutes())),
                null,
                null,
                List.of(),
                null);
        try {
            notifications.create(new Identity(link.tenant()), command);
        } catch (BindException e) {
            // No template or no usable address: nothing is sent and the caller's answer stays the same.
            // The error names fields, never the link.
            log.warn(
                    "No password reset email for user {}: {}",
                    link.userId(),
                    e.getFieldErrors().stream().map(f -> f.getField()).toList());
        }
    }
}
