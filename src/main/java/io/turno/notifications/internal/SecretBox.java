package io.turno.notifications.internal;

import java.security.SecureRandom;
import java.util.Base64;

import io.turno.shared.SecretSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Providers' secrets at rest ({@link SecretSeal}, with the row's tenant and provider as owner). The
 * key is {@code turno.notifications.secret-key} (base64 of 16, 24 or 32 bytes).
 */
@Component
class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

    private final SecretSeal seal;

    SecretBox(NotificationsProperties properties) {
        String configured = properties.secretKey();
        byte[] bytes;
        if (configured == null || configured.isBlank()) {
            log.warn("No turno.notifications.secret-key configured: using a random key, so the providers' secrets "
                    + "saved by this process cannot be read by another one or after a restart. "
                    + "Set TURNO_NOTIFICATIONS_SECRET_KEY (base64 of 32 random bytes).");
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        } else {
            bytes = Base64.getDecoder().decode(configured.trim());
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new IllegalStateException("turno.notifications.secret-key must be base64 of 16, 24 or 32 bytes");
            }
        }
        seal = new SecretSeal(bytes);
    }

    byte[] seal(String plaintext, String associated) {
        return seal.seal(plaintext, associated);
    }

    /** Throws when the value was sealed with another key or for another row. */
    String open(byte[] sealed, String associated) {
        return seal.open(sealed, associated);
    }
}
