package io.turno.production.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The passwords of the organizations' databases, AES-256-GCM with a random 12-byte nonce stored
 * before the ciphertext; the key ({@code turno.production.sources.key}, 32 bytes in base64) comes
 * from configuration. No other module encrypts secrets yet; should one need it, this belongs in
 * {@code io.turno.shared}.
 */
@Component
class SourceSecrets {

    static final class NotConfigured extends BusinessException {
        NotConfigured() {
            super(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.SERVICE_UNAVAILABLE,
                    "No hay una clave configurada para cifrar las contraseñas (turno.production.sources.key).");
        }
    }

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SourceSecrets(@Value("${turno.production.sources.key:}") String key) {
        if (key.isBlank()) {
            this.key = null;
        } else {
            byte[] bytes = Base64.getDecoder().decode(key.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("turno.production.sources.key must be 32 bytes in base64");
            }
            this.key = new SecretKeySpec(bytes, "AES");
        }
    }

    byte[] seal(String secret, String context) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context).apply(secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE, sealed.length);
        return out;
    }

    String open(byte[] sealed, String context) {
        byte[] nonce = Arrays.copyOf(sealed, NONCE);
        return new String(cipher(Cipher.DECRYPT_MODE, nonce, context).apply(Arrays.copyOfRange(sealed, NONCE, sealed.length)),
                StandardCharsets.UTF_8);
    }

    /** {@code context} (the source's id) is authenticated data: a ciphertext copied to another row does not open. */
    private java.util.function.UnaryOperator<byte[]> cipher(int mode, byte[] nonce, String context) {
        if (key == null) {
            throw new NotConfigured();
        }
        return input -> {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
                return cipher.doFinal(input);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " a source's password", e);
            }
        };
    }
}
