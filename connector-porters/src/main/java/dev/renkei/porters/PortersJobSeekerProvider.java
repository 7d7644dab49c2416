package dev.renkei.porters;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.JobSeekerConnectorProvider;
import dev.renkei.porters.internal.HrbcClient;
import dev.renkei.porters.internal.HrbcTokens;
import dev.renkei.porters.internal.PortersConnector;
import dev.renkei.porters.internal.RequestBudget;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The PORTERS HRBC (Connect API) job-seeker source, id {@value #ID}. It reads Persons ({@code /v1/candidate})
 * with their Resumes and writes a status back to existing records, over the server-to-server
 * {@code code_direct} authorization (the company database must have approved the app once in a browser).
 *
 * <p>Credentials: the app id as login id and the app secret as secret. Settings:
 * <ul>
 *   <li>{@value #PARTITION} (required) — the company database id;</li>
 *   <li>{@value #BASE_URL} — the API host, default {@value #DEFAULT_BASE_URL} (a dedicated server has its own);</li>
 *   <li>{@value #OAUTH_URL}, {@value #TOKEN_URL} — the authorization endpoints, default {@code {baseUrl}/v1/oauth}
 *       and {@code {baseUrl}/v1/token};</li>
 *   <li>{@value #EMAIL_FIELD} — the Person alias holding the e-mail, default {@code Person.P_Mail};</li>
 *   <li>{@value #FIELDS} — further Person aliases to read, comma-separated;</li>
 *   <li>{@value #RESUMES} — {@code false} to skip reading Resumes (one read per person).</li>
 * </ul>
 *
 * <p>Limits kept on the client side: 200 records per request, 2,000 reads and 500 writes per minute, about
 * 15,000 characters per request. A connector caches its tokens (access 30 min, refresh 2 h) in memory; create one
 * per account and reuse it.
 */
public final class PortersJobSeekerProvider implements JobSeekerConnectorProvider {
    /** The connector id. */
    public static final String ID = "porters";
    /** Setting: the partition (company database) id. */
    public static final String PARTITION = "partition";
    /** Setting: the API base URL. */
    public static final String BASE_URL = "baseUrl";
    /** Setting: the code endpoint. */
    public static final String OAUTH_URL = "oauthUrl";
    /** Setting: the token endpoint. */
    public static final String TOKEN_URL = "tokenUrl";
    /** Setting: the e-mail alias. */
    public static final String EMAIL_FIELD = "emailField";
    /** Setting: further Person aliases. */
    public static final String FIELDS = "fields";
    /** Setting: whether to read Resumes. */
    public static final String RESUMES = "resumes";
    /** The shared API host. */
    public static final String DEFAULT_BASE_URL = "https://api-hrbc-jp.porterscloud.com";

    /** A provider (no I/O until {@link #create}). */
    public PortersJobSeekerProvider() {}

    @Override
    public String id() {
        return ID;
    }

    /**
     * Creates a connector for one account.
     *
     * @throws dev.renkei.core.ValidationException when the credentials or the partition are missing
     */
    @Override
    public JobSeekerConnector create(ConnectorContext context) {
        Credentials credentials = context.requireCredentials();
        String partition = context.requireSetting(PARTITION);
        if (!partition.matches("[0-9]+")) {
            throw new IllegalArgumentException("PORTERS partition must be numeric, got '" + partition + "'");
        }
        String base = trim(context.setting(BASE_URL).orElse(DEFAULT_BASE_URL));
        URI oauth = URI.create(context.setting(OAUTH_URL).orElse(base + "/v1/oauth"));
        URI token = URI.create(context.setting(TOKEN_URL).orElse(base + "/v1/token"));
        RequestBudget reads = new RequestBudget(HrbcClient.READS_PER_MINUTE, context.clock(), context.sleeper());
        RequestBudget writes = new RequestBudget(HrbcClient.WRITES_PER_MINUTE, context.clock(), context.sleeper());
        HrbcTokens tokens = new HrbcTokens(context.http(), context.clock(), credentials, oauth, token, reads);
        HrbcClient client = new HrbcClient(context.http(), URI.create(base), partition, tokens, reads, writes);
        List<String> fields = Arrays.stream(context.setting(FIELDS).orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new PortersConnector(client, context.setting(EMAIL_FIELD).orElse("Person.P_Mail"), fields,
                !context.setting(RESUMES).orElse("true").equalsIgnoreCase("false"));
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
