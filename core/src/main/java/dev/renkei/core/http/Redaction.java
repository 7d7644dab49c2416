package dev.renkei.core.http;

import dev.renkei.core.support.ControlCharacters;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
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
    private static final Pattern PATH_PARAMETER = Pattern.compile(";[^/]*");

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

    /**
     * An URI as it may appear in a log, an error, a verdict or a mail: scheme, host, port and path only. The query
     * string, the fragment, user info and path parameters ({@code ;jsessionid=...}) are dropped, because boards and
     * APIs put session ids, tokens and (in GET forms) passwords there.
     */
    public static String uri(URI uri) {
        if (uri == null) {
            return "null";
        }
        if (uri.isOpaque()) {
            // mailto:, data: and the like: nothing but the scheme is safe to show
            return oneLine(uri.getScheme() + ":" + NOT_LOGGED);
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
            sb.append(PATH_PARAMETER.matcher(uri.getRawPath()).replaceAll(""));
        }
        return oneLine(sb.toString());
    }

    /** Neutralises CR, LF and other control characters (log forging, CWE-117). */
    public static String oneLine(String value) {
        if (value == null) {
            return "null";
        }
        return ControlCharacters.replace(value, "_");
    }
}
