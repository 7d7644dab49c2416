package dev.renkei.media.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.media.SiteProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Parses site-profile JSON with unknown fields rejected, then validates it. Not API. */
public final class ProfileReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private ProfileReader() {}

    /** Parses and validates. */
    public static SiteProfile parse(String json, String source) {
        Checks.notNull(json, "site profile JSON");
        String where = source == null ? "site profile" : "site profile " + source;
        SiteProfile profile;
        try {
            profile = MAPPER.readValue(json, SiteProfile.class);
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            Collection<Object> known = e.getKnownPropertyIds();
            throw new ValidationException(where + ": unknown field '" + path + "'"
                    + (known == null || known.isEmpty() ? "" : " (known here: " + new TreeSet<>(known.stream()
                    .map(String::valueOf).collect(Collectors.toList())) + ")"));
        } catch (JsonMappingException e) {
            String path = path(e);
            throw new ValidationException(where + ": field '" + (path.isEmpty() ? "(root)" : path)
                    + "' is invalid: " + Checks.printable(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw new ValidationException(where + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        }
        if (profile == null) {
            throw new ValidationException(where + " is empty");
        }
        ProfileValidator.validate(profile, where);
        return profile;
    }

    /** Reads a file. */
    public static SiteProfile load(Path file) {
        Checks.notNull(file, "site profile file");
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ValidationException(dev.renkei.core.ErrorCode.CONFIGURATION_INVALID,
                    "site profile file not found: " + file.toAbsolutePath().normalize(), e);
        } catch (IOException e) {
            throw new ValidationException(dev.renkei.core.ErrorCode.CONFIGURATION_INVALID,
                    "site profile " + file.toAbsolutePath().normalize() + " cannot be read: "
                            + e.getClass().getSimpleName(), e);
        }
    }

    /** Reads a class-path resource. */
    public static SiteProfile loadResource(String resource, ClassLoader loader) {
        Checks.notBlank(resource, "site profile resource");
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new ValidationException("site profile resource " + name + " was not found on the class path");
            }
            return read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stream. */
    public static SiteProfile read(InputStream in, String source) {
        Checks.notNull(in, "site profile stream");
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new ValidationException(dev.renkei.core.ErrorCode.CONFIGURATION_INVALID,
                    "site profile " + source + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    /** A Jackson path as {@code list.fields.name.selector} / {@code markers.interstitials[1].selector}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
