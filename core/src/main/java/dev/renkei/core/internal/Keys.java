package dev.renkei.core.internal;

import java.util.StringJoiner;

/** Composite keys for maps and sets, e.g. tenant and robot. Not API. */
public final class Keys {
    private Keys() {}

    /**
     * The parts joined by NUL, a character no id, name or instant holds, so {@code ("a", "b|c")} and
     * {@code ("a|b", "c")} never meet.
     */
    public static String of(Object... parts) {
        StringJoiner key = new StringJoiner("\u0000");
        for (Object part : parts) {
            key.add(String.valueOf(part));
        }
        return key.toString();
    }
}
