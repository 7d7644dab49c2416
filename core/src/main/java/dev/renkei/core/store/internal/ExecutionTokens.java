package dev.renkei.core.store.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh execution tokens: 128 random bits, hex. Not API. */
public final class ExecutionTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ExecutionTokens() {}

    /** A new token. */
    public static String next() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "ex-" + HexFormat.of().formatHex(b);
    }
}
