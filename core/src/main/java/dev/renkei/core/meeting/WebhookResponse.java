package dev.renkei.core.meeting;

/**
 * What to answer a webhook delivery with.
 *
 * @param status the HTTP status
 * @param body the JSON body ({@code application/json})
 */
public record WebhookResponse(int status, String body) {}
