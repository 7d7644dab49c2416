package dev.renkei.core.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be logged of a request or response. Secrets, cookies and tokens are printed as {@code <not logged>};
 * CR/LF in logged values is neutralised.
 */
public final class Redaction {
    /** The text printed instead of a secret. */
    public static final String NOT_LOGGED = "<not logged>";

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "x-porters-hrbc-oauth-token", "x-indeed-signature", "x-zm-signature",
            "x-renkei-signature");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|password|passwd|pass|secret|key|code|signature|session|auth|credential|pwd).*");
    private static final Pattern QUERY_PARAM = Pattern.compile("([^&=]+)=([^&]*)");

    private Redaction() {}

    /** True when a header's value must never be logged. */
    public static boolean isSecretHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(n) || SECRET_NAME.matcher(n).matches();
    }

    /** A header value as it may be logged. */
    public static String header(String name, String value) {
        return isSecretHeader(name) ? NOT_LOGGED : oneLine(value);
    }

    /** An URI as it may be logged: user info dropped, secret-looking query parameters replaced. */
    public static String uri(URI uri) {
        if (uri == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        if (uri.getScheme() != null) {
            sb.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            sb.append(uri.getHost());
        }
        if (uri.getPort() != -1) {
            sb.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            sb.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            Matcher m = QUERY_PARAM.matcher(uri.getRawQuery());
            StringBuilder q = new StringBuilder();
            while (m.find()) {
                String value = SECRET_NAME.matcher(m.group(1)).matches() ? NOT_LOGGED : m.group(2);
                m.appendReplacement(q, Matcher.quoteReplacement(m.group(1) + "=" + value));
            }
            m.appendTail(q);
            sb.append('?').append(q);
        }
        return oneLine(sb.toString());
    }

    /** Neutralises CR, LF and other control characters (log forging, CWE-117). */
    public static String oneLine(String value) {
        if (value == null) {
            return "null";
        }
        return value.replaceAll("[\\x00-\\x1F\\x7F\\u0085\\u2028\\u2029]", "_");
    }
}
