package dev.renkei.core.crypto;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM encryption of secrets at rest (board passwords, API keys, OAuth tokens) with host-supplied keys.
 *
 * <p>Every value is sealed as {@code v1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)>}: a fresh random 96-bit
 * nonce per encryption, the key id kept with the value so keys can rotate, and a context string (e.g. the row it
 * belongs to) bound as additional authenticated data, so a value copied to another row does not decrypt. Tampered
 * values are rejected.
 *
 * <p>Keys come from the host (a KMS, a vault, a file with restricted permissions); Renkei never reads them from
 * the environment itself.
 */
public final class SecretCipher {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random;
    /**
     * One AES-GCM cipher per thread for opening values: the JDK's AES keeps the expanded key of its last key, so a
     * reused cipher skips the key expansion that was half the cost of opening a value.
     */
    private final ThreadLocal<Cipher> openers = ThreadLocal.withInitial(SecretCipher::newGcm);

    private SecretCipher(Map<String, SecretKey> keys, String activeKeyId, SecureRandom random) {
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
        this.random = random;
    }

    /** A cipher with one key (16, 24 or 32 bytes; 32 recommended). */
    public static SecretCipher of(String keyId, byte[] key) {
        return builder().key(keyId, key).activeKey(keyId).build();
    }

    /** A builder for several keys, one of them active. */
    public static Builder builder() {
        return new Builder();
    }

    /** A fresh random 256-bit key, e.g. for the demo or a first setup. */
    public static byte[] generateKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** The id of the key new values are sealed with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Seals a value under the active key, bound to {@code context}. */
    public String encrypt(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(activeKeyId, context));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return "v1." + activeKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new RenkeiException(ErrorCode.INTERNAL, "AES-GCM encryption failed", e);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws ValidationException when the value is malformed, sealed under an unknown key id, tampered with, or
     *     bound to another context
     */
    public String decrypt(String sealed, String context) {
        Objects.requireNonNull(context, "context");
        if (sealed == null) {
            throw new ValidationException(ErrorCode.INTERNAL, "sealed secret is missing");
        }
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new ValidationException(ErrorCode.INTERNAL, "sealed secret has an unknown format");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new ValidationException("sealed secret uses key id '" + Checks.printable(parts[1])
                    + "', which is not configured: add the old key to the cipher to read it");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(ErrorCode.INTERNAL, "sealed secret is not valid base64", e);
        }
        // the decoder ignores the unused low bits of the last character; a sealed value has exactly one spelling
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(parts[2])) {
            throw new ValidationException(ErrorCode.INTERNAL,
                    "sealed secret is not in canonical base64: it was tampered with");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new ValidationException(ErrorCode.INTERNAL, "sealed secret is too short");
        }
        try {
            Cipher c = openers.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            c.updateAAD(aad(parts[1], context));
            byte[] plain = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new ValidationException(ErrorCode.INTERNAL,
                    "sealed secret failed authentication: it was tampered with or belongs to another record", e);
        } catch (GeneralSecurityException e) {
            throw new RenkeiException(ErrorCode.INTERNAL, "AES-GCM decryption failed", e);
        }
    }

    private static Cipher newGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new RenkeiException(ErrorCode.INTERNAL, "this JDK has no AES/GCM/NoPadding cipher", e);
        }
    }

    /** True when the value was sealed under a key other than the active one. */
    public boolean needsRotation(String sealed) {
        String[] parts = sealed.split("\\.", -1);
        return parts.length != 3 || !parts[1].equals(activeKeyId);
    }

    /** Re-seals a value under the active key (no-op when it already is). */
    public String rotate(String sealed, String context) {
        return needsRotation(sealed) ? encrypt(decrypt(sealed, context), context) : sealed;
    }

    private static byte[] aad(String keyId, String context) {
        return ("renkei/v1/" + keyId + "/" + context).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretCipher[keys=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }

    /** Builds a {@link SecretCipher}. */
    public static final class Builder {
        private final Map<String, SecretKey> keys = new LinkedHashMap<>();
        private String active;
        private SecureRandom random;

        private Builder() {}

        /** Adds a key (16, 24 or 32 bytes). The first key added is active unless {@link #activeKey} says otherwise. */
        public Builder key(String keyId, byte[] key) {
            if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
                throw new IllegalArgumentException("key id must be 1-32 letters, digits, '_' or '-'");
            }
            if (key == null || !(key.length == 16 || key.length == 24 || key.length == 32)) {
                throw new IllegalArgumentException("AES key '" + keyId + "' must be 16, 24 or 32 bytes long");
            }
            if (keys.putIfAbsent(keyId, new SecretKeySpec(key.clone(), "AES")) != null) {
                throw new IllegalArgumentException("key id '" + keyId + "' is given twice");
            }
            if (active == null) {
                active = keyId;
            }
            return this;
        }

        /** The key new values are sealed with. */
        public Builder activeKey(String keyId) {
            this.active = keyId;
            return this;
        }

        /** The nonce source (default: a new {@link SecureRandom}). */
        public Builder random(SecureRandom r) {
            this.random = r;
            return this;
        }

        /** Builds the cipher. */
        public SecretCipher build() {
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a secret cipher needs at least one key");
            }
            if (!keys.containsKey(active)) {
                throw new IllegalArgumentException("active key id '" + active + "' is not among the keys " + keys.keySet());
            }
            return new SecretCipher(keys, active, random != null ? random : new SecureRandom());
        }
    }
}
