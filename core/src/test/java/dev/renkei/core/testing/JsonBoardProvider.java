package dev.renkei.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.core.spi.Listing;
import dev.renkei.core.model.Attachment;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A minimal JSON job board connector for engine tests, speaking to {@link JsonBoard} stubs over real HTTP:
 * {@code POST /login} → {@code {"accountKey":…}} or {@code {"notice":…}}; {@code GET /accounts/{key}/applications}.
 */
public final class JsonBoardProvider implements MediaConnectorProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String id;
    private final AtomicInteger loads = new AtomicInteger();

    /** A provider with the given medium id; the {@code baseUrl} setting says where the board is. */
    public JsonBoardProvider(String id) {
        this.id = id;
    }

    /** How many rows were {@linkplain Listing#load() loaded} (detail page read) by every connector of this provider. */
    public int loads() {
        return loads.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        URI base = URI.create(context.requireSetting("baseUrl"));
        HttpExecutor http = context.http();
        return credentials -> login(http, base, credentials);
    }

    private MediaSession login(HttpExecutor http, URI base, Credentials c) {
        ObjectNode body = JSON.createObjectNode().put("loginId", c.loginId()).put("password", c.secret().reveal());
        HttpResult r = http.execute(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        switch (r.statusCode()) {
            case 200 -> { }
            case 401 -> throw new ConnectorException(ErrorCode.LOGIN_FAILED, id + ": login id or password was refused");
            case 423 -> throw new ConnectorException(ErrorCode.ACCOUNT_LOCKED, id + ": account locked");
            case 503 -> throw new ConnectorException(ErrorCode.MAINTENANCE, id + ": maintenance");
            default -> throw new ConnectorException(ErrorCode.UNAVAILABLE, id + ": login answered " + r.statusCode());
        }
        JsonNode node = read(r);
        if (node.hasNonNull("notice")) {
            throw new ConnectorException(ErrorCode.UNEXPECTED_SCREEN, id + " shows a screen after login: 「"
                    + node.get("notice").asText() + "」");
        }
        String accountKey = node.path("accountKey").asText(c.loginId());
        return new MediaSession() {
            @Override
            public String accountKey() {
                return accountKey;
            }

            @Override
            public Stream<Listing> listings(Instant since) {
                HttpResult list = http.execute(HttpRequest.newBuilder(
                        base.resolve("/accounts/" + accountKey + "/applications")).GET().build());
                if (list.statusCode() != 200) {
                    throw new ConnectorException(ErrorCode.UNAVAILABLE, id + ": application list answered "
                            + list.statusCode(), list.uri().toString(), null);
                }
                List<Listing> out = new ArrayList<>();
                for (JsonNode a : read(list).path("applications")) {
                    Instant at = Instant.parse(a.path("appliedAt").asText());
                    if (!at.isBefore(since)) {
                        String applicationId = a.path("id").asText();
                        out.add(Listing.of(applicationId, at,
                                () -> load(http, base, accountKey, applicationId, at)));
                    }
                }
                return out.stream();
            }

            @Override
            public void close() {}
        };
    }

    /** Reads an application's detail and downloads its résumé (what a row's {@code load()} does). */
    private Applicant load(HttpExecutor http, URI base, String accountKey, String applicationId, Instant appliedAt) {
        URI detailUri = base.resolve("/accounts/" + accountKey + "/applications/" + applicationId);
        HttpResult detail = http.execute(HttpRequest.newBuilder(detailUri).GET().build());
        if (detail.statusCode() != 200) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, id + ": application detail answered "
                    + detail.statusCode(), detailUri.getPath(), null);
        }
        JsonNode a = read(detail);
        Applicant.Builder b = Applicant.builder(applicationId, appliedAt).name(a.path("name").asText(null))
                .email(a.path("email").asText(null)).appliedJob(a.path("job").asText(null));
        if (a.hasNonNull("resume")) {
            URI fileUri = base.resolve(a.get("resume").asText());
            HttpResult file = http.execute(HttpRequest.newBuilder(fileUri).GET().build());
            if (file.statusCode() != 200) {
                throw new ConnectorException(ErrorCode.UNAVAILABLE, id + ": résumé download answered "
                        + file.statusCode(), fileUri.getPath(), null);
            }
            b.attachment(new Attachment("resume.pdf", "application/pdf", file.body()));
        }
        loads.incrementAndGet();
        return b.build();
    }

    private JsonNode read(HttpResult r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, id + ": response is not JSON", r.uri().toString(), e);
        }
    }
}
