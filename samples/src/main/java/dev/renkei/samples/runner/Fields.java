package dev.renkei.samples.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.core.RenkeiException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object of the config file with its path ({@code robots[0].ats}): typed reads that name the field in
 * every error, and a check that rejects unknown (misspelled) fields.
 */
final class Fields {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code path}; an error when the node is not an object. */
    static Fields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(path.isEmpty() ? "(top level)" : path, "must be a JSON object");
        }
        return new Fields(node, path);
    }

    String path() {
        return path;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Rejects any field not in {@code allowed}. */
    Fields only(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!ok.contains(name)) {
                throw new ConfigException(field(name), "unknown field (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
        return this;
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    Fields object(String name) {
        return of(require(name), field(name));
    }

    /** The object, or null when absent. */
    Fields optionalObject(String name) {
        return has(name) ? object(name) : null;
    }

    String string(String name) {
        JsonNode v = require(name);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ConfigException(field(name), "must be a non-empty string");
        }
        return v.asText();
    }

    String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    /** A string that may be empty (e.g. a database password). */
    String anyString(String name, String fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isTextual()) {
            throw new ConfigException(field(name), "must be a string");
        }
        return v.asText();
    }

    int integer(String name, int fallback, int min, int max) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
            throw new ConfigException(field(name), "must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    Integer integer(String name, int min, int max) {
        return has(name) ? integer(name, 0, min, max) : null;
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw new ConfigException(field(name), "must be true or false");
        }
        return v.asBoolean();
    }

    /** A duration as ISO-8601 ({@code PT30S}) or short form ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 3d}); null when absent. */
    Duration duration(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        String text = v.isTextual() ? v.asText().strip() : "";
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new ConfigException(field(name), "must be a duration such as \"30s\", \"5m\", \"1h\", \"3d\" or "
                    + "\"PT30S\"");
        }
    }

    List<String> strings(String name, boolean required) {
        JsonNode v = array(name, required, "strings");
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new ConfigException(field(name) + "[" + i + "]", "must be a string");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** An object of string values (numbers and booleans are accepted and turned into text). */
    Map<String, String> stringMap(String name) {
        if (!has(name)) {
            return Map.of();
        }
        JsonNode v = node.get(name);
        if (!v.isObject()) {
            throw new ConfigException(field(name), "must be a JSON object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ConfigException(field(name) + "." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    /** The objects of an array, each with its indexed path. */
    List<Fields> objects(String name, boolean required) {
        JsonNode v = array(name, required, "objects");
        if (v == null) {
            return List.of();
        }
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(of(v.get(i), field(name) + "[" + i + "]"));
        }
        return out;
    }

    /** The array under {@code name}, or {@code null} when it is absent and not required. */
    private JsonNode array(String name, boolean required, String of) {
        if (!has(name)) {
            if (required) {
                throw new ConfigException(field(name), "is required");
            }
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw new ConfigException(field(name), "must be an array of " + of);
        }
        return v;
    }

    /** The members of an object, each with its path. */
    Map<String, Fields> members(String name) {
        if (!has(name)) {
            return Map.of();
        }
        JsonNode v = node.get(name);
        if (!v.isObject()) {
            throw new ConfigException(field(name), "must be a JSON object");
        }
        Map<String, Fields> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> out.put(e.getKey(), of(e.getValue(), field(name) + "." + e.getKey())));
        return out;
    }

    /**
     * Reads a text file named by {@code field}. A missing file says "not found" with its absolute path and
     * {@code fix} (how to make one); an unreadable one says why, never with the path twice.
     */
    static String readFile(String field, Path file, java.nio.charset.Charset charset, String fix) {
        Path shown = file.toAbsolutePath().normalize();
        try {
            return java.nio.file.Files.readString(file, charset);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(field, "not found: " + shown + (fix == null ? "" : "; " + fix), e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException(field, "cannot be read (permission denied): " + shown, e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(field, "is not " + charset + " text: " + shown, e);
        } catch (java.io.IOException e) {
            throw new ConfigException(field, "cannot be read: " + shown + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Runs a domain constructor and reports its validation failure against {@code field}. */
    static <T> T valid(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (RenkeiException e) {
            throw new ConfigException(field, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConfigException(field, "is invalid: " + e.getMessage(), e);
        }
    }

    private JsonNode require(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ConfigException(field(name), "is required");
        }
        return v;
    }
}
