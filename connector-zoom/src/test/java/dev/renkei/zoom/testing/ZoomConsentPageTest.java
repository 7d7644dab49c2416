package dev.renkei.zoom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's consent page over plain HTTP, as a browser would click through it. */
class ZoomConsentPageTest {
    private static final String REDIRECT = "http://localhost:9/zoom/callback";
    private static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-0123";

    private final ZoomSimulator sim = new ZoomSimulator(Clock.systemUTC());
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void thePageNamesTheAppTheAccountAndThePermissionsAndPostsBackWithTheQueryKept() throws Exception {
        HttpResponse<String> r = get(authorize(ZoomSimulator.CLIENT.loginId(), REDIRECT, "st-1"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains(ZoomConsentPage.APP_NAME, ZoomSimulator.ACCOUNT, "meeting:write:meeting",
                "許可する", "拒否", "action=\"/oauth/authorize?", "state=st-1");
    }

    @Test
    void allowRedirectsWithACodeTheTokenEndpointAcceptsWithThePkceVerifier() throws Exception {
        HttpResponse<String> r = post(authorize(ZoomSimulator.CLIENT.loginId(), REDIRECT, "st-2"), "allow");

        assertThat(r.statusCode()).isEqualTo(302);
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        Map<String, String> q = ZoomSimulator.query(location.getRawQuery());
        assertThat(location.toString()).startsWith(REDIRECT + "?code=");
        assertThat(q).containsEntry("state", "st-2");

        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(sim.server().baseUrl()
                        + "/oauth/token")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ZoomSimulator.CLIENT.loginId() + ":" + ZoomSimulator.CLIENT.secret().reveal())
                                .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", q.get("code"), "redirect_uri", REDIRECT, "code_verifier", VERIFIER)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).contains("access_token");
    }

    @Test
    void declineRedirectsWithAccessDeniedAndTheState() throws Exception {
        HttpResponse<String> r = post(authorize(ZoomSimulator.CLIENT.loginId(), REDIRECT, "st 3"), "decline");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue(REDIRECT + "?error=access_denied&state=st+3");
    }

    @Test
    void anUnknownClientOrAMissingRedirectOrStateGetsAnErrorPageThatEscapesWhatItEchoes() throws Exception {
        HttpResponse<String> unknown = get(authorize("<b>evil</b>", REDIRECT, "st-4"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Invalid client_id: &lt;b&gt;evil&lt;/b&gt;").doesNotContain("<b>evil");

        assertThat(get(authorize(ZoomSimulator.CLIENT.loginId(), "", "st-5")).statusCode()).isEqualTo(400);
        assertThat(get(authorize(ZoomSimulator.CLIENT.loginId(), REDIRECT, "")).statusCode()).isEqualTo(400);
        assertThat(post(authorize(ZoomSimulator.CLIENT.loginId(), REDIRECT, ""), "allow").statusCode())
                .isEqualTo(400);
    }

    private String authorize(String clientId, String redirect, String state) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        return sim.server().baseUrl() + "/oauth/authorize?" + form(Map.of("response_type", "code", "client_id",
                clientId, "redirect_uri", redirect, "state", state, "code_challenge", challenge,
                "code_challenge_method", "S256"));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String decision) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("decision=" + decision)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
