package dev.renkei.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock extension that makes an ATS stub stateful: {@code POST /candidates} stores the candidate under its
 * {@code Idempotency-Key} (a repeated key returns the stored one, as a server honouring the key would), and
 * {@code GET /candidates?key=} finds it. Records whose e-mail is in {@link #rejectEmails} get 422.
 */
public final class StatefulAts implements ResponseDefinitionTransformerV2 {
    /** The transformer name to put on stubs. */
    public static final String NAME = "stateful-ats";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> byKey = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    /** E-mails the ATS rejects with 422. */
    public final Set<String> rejectEmails = ConcurrentHashMap.newKeySet();

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        var request = event.getRequest();
        if (request.getMethod().getName().equals("GET")) {
            QueryParameter key = request.queryParameter("key");
            String id = key.isPresent() ? byKey.get(key.firstValue()) : null;
            return id == null ? new ResponseDefinition(404, "")
                    : ResponseDefinition.okForJson(Map.of("id", id));
        }
        String key = request.getHeader("Idempotency-Key");
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            return new ResponseDefinition(400, "{\"error\":\"bad json\"}");
        }
        if (rejectEmails.contains(body.path("email").asText())) {
            return new ResponseDefinition(422, "{\"errors\":[{\"field\":\"email\",\"message\":\"invalid\"}]}");
        }
        String id = byKey.computeIfAbsent(key, k -> "c" + ids.incrementAndGet());
        names.put(id, body.path("name").asText());
        return new ResponseDefinition(201, "{\"id\":\"" + id + "\"}");
    }

    /** Forgets every candidate and rejection. */
    public void reset() {
        byKey.clear();
        names.clear();
        rejectEmails.clear();
    }

    /** How many distinct candidates exist. */
    public int candidates() {
        return byKey.size();
    }

    /** The stored candidate names by id. */
    public Map<String, String> names() {
        return Map.copyOf(names);
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
