package dev.renkei.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ValidationException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {
    private static final byte[] K1 = key(1);
    private static final byte[] K2 = key(2);
    private static final String CTX = "tenant-a/robot-1/doda_001";

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    private final SecretCipher cipher = SecretCipher.of("k1", K1);

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "パスワード＝秘密の値🔑", "", " leading and trailing ", "a.b.c"})
    void roundTrips(String plaintext) {
        String sealed = cipher.encrypt(plaintext, CTX);

        assertThat(sealed).startsWith("v1.k1.");
        if (!plaintext.isEmpty()) {
            assertThat(sealed).doesNotContain(plaintext);
        }
        assertThat(cipher.decrypt(sealed, CTX)).isEqualTo(plaintext);
    }

    @Test
    void usesAFreshNonceForEveryEncryption() {
        Set<String> sealedValues = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String sealed = cipher.encrypt("same password", CTX);
            sealedValues.add(sealed);
            byte[] raw = Base64.getUrlDecoder().decode(sealed.substring("v1.k1.".length()));
            nonces.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 12)));
        }

        assertThat(sealedValues).hasSize(1_000);
        assertThat(nonces).hasSize(1_000);
    }

    @Test
    void rejectsEveryFlippedByteOfTheSealedBinary() {
        String sealed = cipher.encrypt("パスワード", CTX);
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring("v1.k1.".length()));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String forged = "v1.k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            int at = i;

            assertThatThrownBy(() -> cipher.decrypt(forged, CTX)).as("byte %d flipped", at)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("tampered");
        }
    }

    @Test
    void rejectsEveryFlippedCharacterOfTheSealedText() {
        String sealed = cipher.encrypt("パスワード", CTX);
        for (int i = 0; i < sealed.length(); i++) {
            for (int bit : new int[] {0x01, 0x02, 0x20}) {
                char[] chars = sealed.toCharArray();
                chars[i] ^= (char) bit;
                String forged = new String(chars);
                int at = i;

                assertThatThrownBy(() -> cipher.decrypt(forged, CTX)).as("char %d ^ %d", at, bit)
                        .isInstanceOf(ValidationException.class);
            }
        }
    }

    @Test
    void rejectsTruncatedAndMalformedValues() {
        String sealed = cipher.encrypt("secret", CTX);

        assertThatThrownBy(() -> cipher.decrypt(sealed.substring(0, sealed.length() - 4), CTX))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1.k1.AAAA", CTX))
                .isInstanceOf(ValidationException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> cipher.decrypt("plain text", CTX))
                .isInstanceOf(ValidationException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> cipher.decrypt("v1.k1.***", CTX))
                .isInstanceOf(ValidationException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> cipher.decrypt(null, CTX)).isInstanceOf(ValidationException.class);
    }

    @Test
    void aValueBoundToOneContextDoesNotOpenUnderAnother() {
        String sealed = cipher.encrypt("secret", "tenant-a/robot-1/doda_001");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "tenant-a/robot-1/doda_002"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("another record");
    }

    @Test
    void anUnknownKeyIdIsNamedInTheError() {
        String sealed = SecretCipher.of("old-2023", K2).encrypt("secret", CTX);

        assertThatThrownBy(() -> cipher.decrypt(sealed, CTX))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'old-2023'")
                .hasMessageContaining("not configured");
    }

    @Test
    void theSameKeyUnderAnotherIdDoesNotOpenTheValue() {
        // the key id is authenticated: relabelling a value to another id with the same key material fails
        SecretCipher twoIds = SecretCipher.builder().key("k1", K1).key("k1b", K1).build();
        String sealed = twoIds.encrypt("secret", CTX);
        String relabelled = sealed.replaceFirst("^v1\\.k1\\.", "v1.k1b.");

        assertThatThrownBy(() -> twoIds.decrypt(relabelled, CTX)).isInstanceOf(ValidationException.class);
    }

    @Test
    void rotatesFromAnOldKeyToANewOneWhileTheOldStaysReadable() {
        String old = cipher.encrypt("パスワード", CTX);
        SecretCipher rotated = SecretCipher.builder().key("k1", K1).key("k2", K2).activeKey("k2").build();

        assertThat(rotated.activeKeyId()).isEqualTo("k2");
        assertThat(rotated.needsRotation(old)).isTrue();
        assertThat(rotated.decrypt(old, CTX)).isEqualTo("パスワード");
        String renewed = rotated.rotate(old, CTX);
        assertThat(renewed).startsWith("v1.k2.");
        assertThat(rotated.needsRotation(renewed)).isFalse();
        assertThat(rotated.rotate(renewed, CTX)).isSameAs(renewed);
        assertThat(rotated.decrypt(renewed, CTX)).isEqualTo("パスワード");

        SecretCipher onlyNew = SecretCipher.of("k2", K2);
        assertThat(onlyNew.decrypt(renewed, CTX)).isEqualTo("パスワード");
        assertThatThrownBy(() -> onlyNew.decrypt(old, CTX)).hasMessageContaining("'k1'");
    }

    @Test
    void rotationNeedsTheRightContext() {
        String old = cipher.encrypt("secret", CTX);
        SecretCipher rotated = SecretCipher.builder().key("k1", K1).key("k2", K2).activeKey("k2").build();

        assertThatThrownBy(() -> rotated.rotate(old, "elsewhere")).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 17, 31, 33, 64})
    void rejectsBadKeySizes(int size) {
        assertThatThrownBy(() -> SecretCipher.of("k", new byte[size]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16, 24 or 32 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32})
    void acceptsAesKeySizes(int size) {
        SecretCipher c = SecretCipher.of("k", new byte[size]);

        assertThat(c.decrypt(c.encrypt("x", CTX), CTX)).isEqualTo("x");
    }

    @Test
    void rejectsBadKeyIdsDuplicatesAndAMissingActiveKey() {
        assertThatThrownBy(() -> SecretCipher.of("has.dot", K1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key id");
        assertThatThrownBy(() -> SecretCipher.of(null, K1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretCipher.builder().key("k1", K1).key("k1", K2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> SecretCipher.builder().key("k1", K1).activeKey("k9").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k9'");
        assertThatThrownBy(() -> SecretCipher.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one key");
    }

    @Test
    void theKeyIsCopiedAndNeverPrinted() {
        byte[] k = key(5);
        SecretCipher c = SecretCipher.of("k5", k);
        String sealed = c.encrypt("x", CTX);
        java.util.Arrays.fill(k, (byte) 0);

        assertThat(c.decrypt(sealed, CTX)).isEqualTo("x");
        assertThat(c.toString()).contains("k5").doesNotContain(Base64.getEncoder().encodeToString(key(5)));
        assertThat(SecretCipher.generateKey()).hasSize(32).isNotEqualTo(SecretCipher.generateKey());
    }
}
