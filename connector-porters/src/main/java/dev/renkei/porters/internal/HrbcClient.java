package dev.renkei.porters.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.model.Secret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Resource calls to the HRBC Connect API: the token and version headers, client-side caps (2,000 reads and 500
 * writes a minute, about 15,000 characters per request, refused before anything is sent), the root
 * {@code <Code>} read under whatever element arrives, and one replay with a renewed token after 401/402. Not API.
 */
public final class HrbcClient {
    /** HRBC's per-minute read cap. */
    public static final int READS_PER_MINUTE = 2_000;
    /** HRBC's per-minute write cap. */
    public static final int WRITES_PER_MINUTE = 500;
    /** The largest request (URL plus body) sent, in characters. */
    public static final int MAX_REQUEST_CHARS = 15_000;

    private final HttpExecutor http;
    private final URI base;
    private final String partition;
    private final HrbcTokens tokens;
    private final RequestBudget reads;
    private final RequestBudget writes;

    /**
     * @param base the API base URL, e.g. {@code https://api-hrbc-jp.porterscloud.com}
     * @param partition the company database id
     */
    public HrbcClient(HttpExecutor http, URI base, String partition, HrbcTokens tokens, RequestBudget reads,
                      RequestBudget writes) {
        this.http = http;
        this.base = base;
        this.partition = partition;
        this.tokens = tokens;
        this.reads = reads;
        this.writes = writes;
    }

    /** The partition. */
    public String partition() {
        return partition;
    }

    /**
     * Reads a resource: {@code GET /v1/{resource}?partition=…&…}.
     *
     * @param params further query parameters in order (values are URL-encoded here)
     */
    public XmlNode get(String resource, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("partition", partition);
        all.putAll(params);
        StringJoiner q = new StringJoiner("&");
        all.forEach((k, v) -> q.add(k + "=" + HrbcTokens.enc(v)));
        URI uri = URI.create(base + "/v1/" + resource + "?" + q);
        checkSize(uri, "", "GET /v1/" + resource);
        return call(uri, null, "GET /v1/" + resource, reads);
    }

    /** Writes: {@code POST /v1/{resource}?partition=…} with an XML body. */
    public XmlNode post(String resource, String xml) {
        URI uri = URI.create(base + "/v1/" + resource + "?partition=" + HrbcTokens.enc(partition));
        checkSize(uri, xml, "POST /v1/" + resource);
        return call(uri, xml, "POST /v1/" + resource, writes);
    }

    /** The characters a POST to {@code resource} with this body would take. */
    public int size(String resource, String xml) {
        return (base + "/v1/" + resource + "?partition=" + partition).length() + xml.length();
    }

    private static void checkSize(URI uri, String body, String what) {
        int chars = uri.toString().length() + body.length();
        if (chars > MAX_REQUEST_CHARS) {
            throw new ConnectorException(ErrorCode.CONFIGURATION_INVALID, what + " would be " + chars
                    + " characters, over PORTERS' limit of about " + MAX_REQUEST_CHARS
                    + " per request: shorten the filter condition or the field list", null, null);
        }
    }

    private XmlNode call(URI uri, String xml, String what, RequestBudget budget) {
        Secret token = tokens.accessToken();
        for (int attempt = 1; ; attempt++) {
            budget.acquire();
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .header("X-porters-hrbc-oauth-token", token.reveal())
                    .header("X-P-ConnectAPI-Version", "2");
            if (xml == null) {
                b.GET();
            } else {
                b.header("Content-Type", "application/xml; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
            }
            XmlNode root = parse(http.execute(b.build()), what);
            int code = root.childText("Code").map(HrbcClient::number).orElse(ResultCodes.OK);
            if (code == ResultCodes.OK) {
                return root;
            }
            if (ResultCodes.tokenRefused(code) && attempt == 1) {
                token = tokens.renewAfterRejection(token);
                continue;
            }
            throw ResultCodes.failure(code, what, root.childText("Message").orElse(""));
        }
    }

    private static XmlNode parse(HttpResult r, String what) {
        if (r.statusCode() >= 500) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "PORTERS answered " + what + " with HTTP "
                    + r.statusCode(), "HTTP " + r.statusCode(), null);
        }
        if (r.statusCode() == 403) {
            throw ResultCodes.failure(403, what, "HTTP 403");
        }
        if (r.statusCode() != 200) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "PORTERS answered " + what + " with HTTP "
                    + r.statusCode(), "HTTP " + r.statusCode(), null);
        }
        return HrbcXml.parse(r.body(), what);
    }

    static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
