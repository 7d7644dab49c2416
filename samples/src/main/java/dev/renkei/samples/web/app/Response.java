package dev.renkei.samples.web.app;

/** What a page answers: an HTML page, a redirect (after every successful POST) or another body. */
public record Response(int status, String contentType, String body, String location) {
    /** An HTML page with status 200. */
    public static Response html(String page) {
        return new Response(200, "text/html; charset=utf-8", page, null);
    }

    /** An HTML page with another status (400 for a form with errors, 404, …). */
    public static Response html(int status, String page) {
        return new Response(status, "text/html; charset=utf-8", page, null);
    }

    /** A 303 See Other to {@code location} (a path on this app, or the Zoom consent page). */
    public static Response redirect(String location) {
        return new Response(303, null, "", location);
    }

    /** A body of another type (the stylesheet). */
    public static Response of(int status, String contentType, String body) {
        return new Response(status, contentType, body, null);
    }
}
