package dev.renkei.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.renkei.core.StoreException;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SyncResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON forms the JDBC store writes into its text columns. Not API. */
public final class StoreJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private StoreJson() {}

    /** A run result as JSON. */
    public static String result(SyncResult result) {
        return write(result, "run result");
    }

    /** A run result from JSON. */
    public static SyncResult result(String json) {
        return read(json, SyncResult.class, "run result");
    }

    /** A string map (settings, sorted for stable output). */
    public static String map(Map<String, String> map) {
        return write(new TreeMap<>(map), "settings");
    }

    /** A string map from JSON. */
    public static Map<String, String> map(String json) {
        try {
            return MAPPER.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored settings are not valid JSON", e);
        }
    }

    /** A string list (addresses). */
    public static String list(List<String> list) {
        return write(list, "address list");
    }

    /** A string list from JSON. */
    public static List<String> list(String json) {
        try {
            return MAPPER.readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored address list is not valid JSON", e);
        }
    }

    /** Credentials as the JSON that gets sealed (it holds the secret: only ever pass it to the cipher). */
    public static String credentials(Credentials c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loginId", c.loginId());
        m.put("secret", c.secret().reveal());
        m.put("extras", new TreeMap<>(c.extras()));
        return write(m, "credentials");
    }

    /** Credentials from their opened JSON. */
    public static Credentials credentials(String json) {
        try {
            CredentialsJson j = MAPPER.readValue(json, CredentialsJson.class);
            return new Credentials(j.loginId(), Secret.of(j.secret()), j.extras());
        } catch (JsonProcessingException e) {
            // never include the text: it holds the secret
            throw new StoreException("stored credentials are not valid JSON", null);
        }
    }

    record CredentialsJson(String loginId, String secret, Map<String, String> extras) {}

    static String write(Object value, String what) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write the " + what + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored " + what + " is not valid JSON", e);
        }
    }
}
