package dev.renkei.core.meeting.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** PKCE (RFC 7636, S256) and OAuth state values. Not API. */
public final class Pkce {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkce() {}

    /** 256 random bits, base64url without padding (43 characters: a valid verifier and an unguessable state). */
    public static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
    public static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    /** The hex SHA-256 of a state, which is what the store keeps. */
    public static String hash(String state) {
        return HexFormat.of().formatHex(sha256(state));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
