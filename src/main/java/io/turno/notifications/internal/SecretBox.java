package io.turno.notifications.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Providers' secrets at rest: AES-GCM with a random 96-bit nonce per value and the row's identity
 * (tenant and provider) as associated data, so a ciphertext copied to another row does not decrypt.
 * The key is {@code turno.notifications.secret-key} (base64 of 16, 24 or 32 bytes).
 */
@Component
class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(NotificationsProperties properties) {
        String configured = properties.secretKey();
        byte[] bytes;
        if (configured == null || configured.isBlank()) {
            log.warn("No turno.notifications.secret-key configured: using a random key, so the providers' secrets "
                    + "saved by this process cannot be read by another one or after a restart. "
                    + "Set TURNO_NOTIFICATIONS_SECRET_KEY (base64 of 32 random bytes).");
            bytes = new byte[32];
            random.nextBytes(bytes);
        } else {
            bytes = Base64.getDecoder().decode(configured.trim());
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new IllegalStateException("turno.notifications.secret-key must be base64 of 16, 24 or 32 bytes");
            }
        }
        key = new SecretKeySpec(bytes, "AES");
    }

    byte[] seal(String plaintext, String associated) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a provider secret", e);
        }
    }

    /** Throws when the value was sealed with another key or for another row. */
    String open(byte[] sealed, String associated) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A provider's secrets cannot be decrypted with this secret-key", e);
        }
    }
}
