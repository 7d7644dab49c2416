package dev.renkei.samples.runner;

/** The runner's configuration file is unreadable or invalid; the message names the field. Exit code 2. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error about one field, e.g. {@code robots[0].slots[1].medium}. */
    public ConfigException(String field, String message) {
        super(field + ": " + message);
    }

    /** An error about one field with a cause. */
    public ConfigException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
    }
}
