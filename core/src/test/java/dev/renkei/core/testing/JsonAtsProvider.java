package dev.renkei.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal JSON ATS connector for engine tests against {@link StatefulAts}: {@code GET /me} checks the API key,
 * {@code GET /candidates?key=} finds, {@code POST /candidates} with {@code Idempotency-Key} creates.
 */
public final class JsonAtsProvider implements AtsConnectorProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "json-ats";
    }

    @Override
    public AtsConnector create(ConnectorContext context) {
        URI base = URI.create(context.requireSetting("baseUrl"));
        String key = context.requireCredentials().secret().reveal();
        HttpExecutor http = context.http();
        return new AtsConnector() {
            @Override
            public void checkLogin() {
                check(http.execute(auth(HttpRequest.newBuilder(base.resolve("/me"))).GET().build()));
            }

            @Override
            public Optional<AtsRecord> find(ImportRequest request) {
                HttpResult r = http.execute(auth(HttpRequest.newBuilder(base.resolve("/candidates?key="
                        + URLEncoder.encode(request.idempotencyKey(), StandardCharsets.UTF_8)))).GET().build());
                if (r.statusCode() == 404) {
                    return Optional.empty();
                }
                check(r);
                return Optional.of(new AtsRecord(id(r)));
            }

            @Override
            public AtsRecord importApplicant(ImportRequest request) {
                Optional<AtsRecord> existing = find(request);
                if (existing.isPresent()) {
                    return AtsRecord.existing(existing.get().atsId());
                }
                String body;
                try {
                    var a = request.applicant();
                    body = JSON.writeValueAsString(Map.of("name", String.valueOf(a.name()),
                            "email", String.valueOf(a.email()), "source", request.medium()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                HttpResult r = http.execute(auth(HttpRequest.newBuilder(base.resolve("/candidates")))
                        .header("Idempotency-Key", request.idempotencyKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                check(r);
                return new AtsRecord(id(r));
            }

            private HttpRequest.Builder auth(HttpRequest.Builder b) {
                return b.header("Authorization", "Bearer " + key);
            }
        };
    }

    private static void check(HttpResult r) {
        switch (r.statusCode() / 100) {
            case 2 -> { }
            case 4 -> {
                if (r.statusCode() == 401) {
                    throw new ConnectorException(ErrorCode.LOGIN_FAILED, "ATS refused the API key");
                }
                if (r.statusCode() == 403) {
                    throw new ConnectorException(ErrorCode.PERMISSION_MISSING, "ATS API key lacks a permission");
                }
                throw new ConnectorException(ErrorCode.DATA_REJECTED, "ATS rejected the record: " + r.bodyText());
            }
            default -> throw new ConnectorException(ErrorCode.UNAVAILABLE, "ATS answered " + r.statusCode());
        }
    }

    private static String id(HttpResult r) {
        try {
            return JSON.readTree(r.body()).path("id").asText();
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "ATS answered a body that is not JSON", e);
        }
    }
}
