package io.turno.identity;

import java.time.Duration;
import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * Sends a "forgot password" link to the account's email. The notifications module implements it
 * (it depends on identity, so identity only names what it needs); it is called inside the
 * transaction that records the link, so the message and the link exist together or not at all.
 * {@code link} carries the one-time secret: an implementation never logs it.
 */
public interface PasswordResetMail {

    record ResetLink(
            TenantId tenant,
            UUID userId,
            String fullName,
            String email,
            String link,
            Duration validFor,
            String language) {

        @Override
        public String toString() {
            return "ResetLink[tenant=" + tenant + ", user=" + userId + "]";
        }
    }

    void send(ResetLink link);
}
