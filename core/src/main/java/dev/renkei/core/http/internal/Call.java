package dev.renkei.core.http.internal;

import dev.renkei.core.http.Redaction;
import dev.renkei.core.http.RetryPolicy;
import java.net.CookieHandler;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * One call as the executor resolved it: the request with the options that apply to it. Not API.
 *
 * @param request the request as the caller built it (cookies are added per attempt)
 * @param policy the retry policy
 * @param deadline the whole-response deadline per attempt
 * @param maxResponseBytes the size cap
 * @param mayRetry whether the request may be sent again after it may have arrived
 * @param cookies the session's cookie jar, or {@code null}
 */
public record Call(HttpRequest request, RetryPolicy policy, Duration deadline, long maxResponseBytes,
                   boolean mayRetry, CookieHandler cookies) {
    /** The call as it may be logged or reported: method and redacted URI. */
    public String what() {
        return request.method() + " " + Redaction.uri(request.uri());
    }
}
