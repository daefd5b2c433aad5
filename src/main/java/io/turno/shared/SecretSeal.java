package io.turno.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets kept in the database (a provider's token, a source database's password): AES-GCM with a
 * random 96-bit nonce stored before the ciphertext, and the owning row's identity as associated
 * data, so a ciphertext copied to another row does not open. Each module configures its own key.
 */
public final class SecretSeal {

    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @throws IllegalArgumentException unless the key is 16, 24 or 32 bytes */
    public SecretSeal(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("An AES key is 16, 24 or 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public byte[] seal(String secret, String owner) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, owner, secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE, sealed.length);
        return out;
    }

    /** @throws IllegalStateException when the value was sealed with another key, for another owner, or altered */
    public String open(byte[] sealed, String owner) {
        if (sealed.length <= NONCE) {
            throw new IllegalStateException("Not a sealed secret");
        }
        byte[] plain = run(
                Cipher.DECRYPT_MODE,
                Arrays.copyOf(sealed, NONCE),
                owner,
                Arrays.copyOfRange(sealed, NONCE, sealed.length));
        return new String(plain, StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String owner, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A secret cannot be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened") + " with this key", e);
        }
    }
}
