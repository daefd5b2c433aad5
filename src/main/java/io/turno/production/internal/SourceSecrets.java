package io.turno.production.internal;

import java.util.Base64;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.shared.SecretSeal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The passwords of the organizations' databases, sealed with {@link SecretSeal}; the key
 * ({@code turno.production.sources.key}, 32 bytes in base64) comes from configuration.
 */
@Component
class SourceSecrets {

    static final class NotConfigured extends BusinessException {
        NotConfigured() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemCode.SERVICE_UNAVAILABLE,
                    "No hay una clave configurada para cifrar las contraseñas (turno.production.sources.key).");
        }
    }

    /** Null when no key is configured: sources cannot be registered then. */
    private final SecretSeal seal;

    SourceSecrets(@Value("${turno.production.sources.key:}") String key) {
        if (key.isBlank()) {
            this.seal = null;
        } else {
            byte[] bytes = Base64.getDecoder().decode(key.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("turno.production.sources.key must be 32 bytes in base64");
            }
            this.seal = new SecretSeal(bytes);
        }
    }

    /** {@code context} (the source's id) is the owner: a ciphertext copied to another row does not open. */
    byte[] seal(String secret, String context) {
        return configured().seal(secret, context);
    }

    String open(byte[] sealed, String context) {
        return configured().open(sealed, context);
    }

    private SecretSeal configured() {
        if (seal == null) {
            throw new NotConfigured();
        }
        return seal;
    }
}
