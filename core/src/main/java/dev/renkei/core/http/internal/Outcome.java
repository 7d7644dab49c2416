package dev.renkei.core.http.internal;

import java.net.http.HttpResponse;

/**
 * What one attempt produced: a response (whatever its status), or the failure that stopped it. Not API.
 *
 * @param response the response, or {@code null}
 * @param failure the failure when there is no response, or {@code null}
 */
public record Outcome(HttpResponse<byte[]> response, Throwable failure) {}
