package dev.renkei.media.internal;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import org.jsoup.nodes.Document;

/**
 * A loaded page after redirects. Not API.
 *
 * @param uri the final URI
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the raw body
 * @param charset the charset the document was decoded with
 * @param document the parsed page
 */
public record Page(URI uri, int status, HttpHeaders headers, byte[] body, Charset charset, Document document) {
    /** The content type, or an empty string. */
    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** True when the response is an HTML page. */
    public boolean isHtml() {
        String ct = contentType().toLowerCase(java.util.Locale.ROOT);
        return ct.isEmpty() || ct.contains("html");
    }
}
