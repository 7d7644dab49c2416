package dev.renkei.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stubs a {@link JsonBoardProvider} board on a WireMock server: accounts, applications, failures. */
public final class JsonBoard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMock wm;
    private final Map<String, ArrayNode> applications = new LinkedHashMap<>();
    private final Map<String, StubMapping> failures = new LinkedHashMap<>();

    /** A board on the given WireMock client; unknown logins get 401. */
    public JsonBoard(WireMock wm) {
        this.wm = wm;
        wm.register(post("/login").atPriority(10).willReturn(aResponse().withStatus(401)));
    }

    /** An account that logs in with the password and is identified by {@code accountKey}. */
    public JsonBoard account(String loginId, String password, String accountKey) {
        applications.computeIfAbsent(accountKey, k -> JSON.createArrayNode());
        publish(accountKey);
        return loginAnswer(loginId, password, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(JSON.createObjectNode().put("accountKey", accountKey).toString()));
    }

    /** An account whose login takes {@code delayMillis} (real time). */
    public JsonBoard slowAccount(String loginId, String password, String accountKey, int delayMillis) {
        return loginAnswer(loginId, password, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withFixedDelay(delayMillis)
                .withBody(JSON.createObjectNode().put("accountKey", accountKey).toString()));
    }

    /** An account that shows a notice/password-change screen after login. */
    public JsonBoard interstitial(String loginId, String password, String notice) {
        return loginAnswer(loginId, password, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(JSON.createObjectNode().put("notice", notice).toString()));
    }

    private JsonBoard loginAnswer(String loginId, String password,
                                  com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        wm.register(post("/login").atPriority(1)
                .withRequestBody(equalToJson(JSON.createObjectNode().put("loginId", loginId).put("password", password)
                        .toString()))
                .willReturn(answer));
        return this;
    }

    /** Adds an application to an account's list. */
    public JsonBoard application(String accountKey, String id, Instant appliedAt, String name, String email) {
        ArrayNode list = applications.computeIfAbsent(accountKey, k -> JSON.createArrayNode());
        ObjectNode row = list.addObject().put("id", id).put("appliedAt", appliedAt.toString()).put("name", name)
                .put("email", email).put("job", "営業職");
        String detail = "/accounts/" + accountKey + "/applications/" + id;
        wm.register(get(urlEqualTo(detail)).willReturn(okJson(row.deepCopy().put("resume", detail + "/resume.pdf")
                .toString())));
        wm.register(get(urlEqualTo(detail + "/resume.pdf")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/pdf").withBody(("%PDF-1.4 résumé of " + id)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        publish(accountKey);
        return this;
    }

    /** Makes an account's application list answer with a status (e.g. 500) until {@link #heal}. */
    public JsonBoard failListing(String accountKey, int status) {
        failures.put(accountKey, wm.register(get(urlEqualTo("/accounts/" + accountKey + "/applications")).atPriority(1)
                .willReturn(aResponse().withStatus(status).withBody("<html>error</html>"))));
        return this;
    }

    /** Removes a failure set with {@link #failListing}. */
    public JsonBoard heal(String accountKey) {
        StubMapping m = failures.remove(accountKey);
        if (m != null) {
            wm.removeStubMapping(m);
        }
        return this;
    }

    /** How many detail pages and résumés were requested so far (the costly part of reading a board). */
    public int detailLoads() {
        return (int) wm.find(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/accounts/[^/]+/applications/[^/]+")))
                .size();
    }

    /** How many résumé downloads were requested so far. */
    public int resumeDownloads() {
        return (int) wm.find(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/accounts/[^/]+/applications/[^/]+/resume.pdf")))
                .size();
    }

    private void publish(String accountKey) {
        ObjectNode body = JSON.createObjectNode();
        body.set("applications", applications.get(accountKey));
        wm.register(get(urlEqualTo("/accounts/" + accountKey + "/applications")).atPriority(5)
                .willReturn(okJson(body.toString())));
    }
}
