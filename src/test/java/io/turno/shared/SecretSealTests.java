package io.turno.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SecretSealTests {

    private final SecretSeal seal = new SecretSeal(new byte[32]);

    @Test
    void aSealedSecretOpensOnlyWithItsKeyForItsOwnerAndUnaltered() {
        byte[] sealed = seal.seal("contraseña-ñ", "tenant/row-1");

        assertThat(seal.open(sealed, "tenant/row-1")).isEqualTo("contraseña-ñ");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("contrase");
        assertThat(seal.seal("contraseña-ñ", "tenant/row-1"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThatThrownBy(() -> seal.open(sealed, "tenant/row-2")).isInstanceOf(IllegalStateException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SecretSeal(otherKey).open(sealed, "tenant/row-1"))
                .isInstanceOf(IllegalStateException.class);
        byte[] altered = Arrays.copyOf(sealed, sealed.length);
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> seal.open(altered, "tenant/row-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretSeal(new byte[20])).isInstanceOf(IllegalArgumentException.class);
    }
}
