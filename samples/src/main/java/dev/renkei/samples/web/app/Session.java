package dev.renkei.samples.web.app;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A browser's session: its CSRF token, a one-shot flash message for the page after a redirect, and values a
 * multi-step form keeps between steps. Held in memory by the {@link Router}; the cookie carries only its random id.
 */
public final class Session {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final String csrfToken;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile String flash;

    Session() {
        this.id = random();
        this.csrfToken = random();
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    String id() {
        return id;
    }

    /** The token every POST form of this session must carry. */
    public String csrfToken() {
        return csrfToken;
    }

    /** Sets the message the next page shows once (e.g. "保存しました"). */
    public void flash(String message) {
        this.flash = message;
    }

    /** The flash message, cleared. */
    String takeFlash() {
        String f = flash;
        flash = null;
        return f;
    }

    /** A value a page keeps between requests, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) values.get(key);
    }

    /** Keeps a value between requests; {@code null} removes it. */
    public void put(String key, Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }
}
