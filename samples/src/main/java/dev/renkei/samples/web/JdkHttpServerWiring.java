package dev.renkei.samples.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.renkei.core.Renkei;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.WebhookResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Zoom webhook and the MyPage setup page on the JDK's own {@code com.sun.net.httpserver.HttpServer} (README,
 * "Wiring the webhook and the setup page"; a test posts a signed webhook and redeems a link through it).
 */
public final class JdkHttpServerWiring {
    private JdkHttpServerWiring() {}

    /**
     * Serves {@code POST /zoom/webhook} and {@code GET|POST /mypage/setup} for a Renkei with meetings and MyPage.
     *
     * @return the started server; stop it on shutdown
     */
    public static HttpServer start(Renkei renkei, InetSocketAddress address) throws IOException {
        // readme:jdk:begin
        MeetingService meetings = renkei.meetings();
        SetupPage setup = new SetupPage(renkei.mypage());
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/zoom/webhook", ex -> zoomWebhook(meetings, ex));
        server.createContext("/mypage/setup", ex -> {
            String params = ex.getRequestMethod().equals("POST")
                    ? new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : ex.getRequestURI().getRawQuery();
            SetupPage.Response r = setup.handle(ex.getRequestMethod(), SetupPage.params(params));
            send(ex, r.status(), "text/html; charset=utf-8", r.html());
        });
        server.start();
        // readme:jdk:end
        return server;
    }

    /** The largest webhook body read: Zoom's event notifications are a few kilobytes. */
    public static final int MAX_WEBHOOK_BYTES = 64 * 1024;

    // readme:jdkwebhook:begin
    /** Zoom's webhook: the raw body (the signature covers its bytes) and the headers in, the library's answer out. */
    public static void zoomWebhook(MeetingService meetings, HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readNBytes(MAX_WEBHOOK_BYTES + 1);
        if (body.length > MAX_WEBHOOK_BYTES) {
            send(ex, 413, "application/json", "{\"error\":\"body too large\"}");
            return;
        }
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        WebhookResponse r = meetings.handleWebhook(body, headers);
        send(ex, r.status(), "application/json", r.body());
    }
    // readme:jdkwebhook:end

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
