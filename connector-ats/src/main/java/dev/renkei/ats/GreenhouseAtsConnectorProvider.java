package dev.renkei.ats;

import dev.renkei.ats.internal.GreenhouseConnector;
import dev.renkei.ats.internal.GreenhouseTokens;
import dev.renkei.ats.internal.Mapping;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Greenhouse Harvest v3 connector (id {@code greenhouse}). Harvest v1/v2 were retired on 2026-08-31; only v3
 * is spoken.
 *
 * <p>Credentials: {@code loginId} = the OAuth client id, {@code secret} = the client secret of a "Harvest V3
 * (OAuth)" API credential with the scopes {@code harvest:candidates:list|create},
 * {@code harvest:applications:list|create}, {@code harvest:attachments:list|create}. Settings:
 * {@code actingUserId} = the Greenhouse user id sent as {@code sub} (recommended; omitted when unset),
 * {@code baseUrl} (default {@code https://harvest.greenhouse.io}), {@code authUrl} (default
 * {@code https://auth.greenhouse.io/token}), {@code routing.<board job>} = job id and {@code routing.default} =
 * the fallback ("unassigned") job id — one is required, because a Greenhouse candidate without an application
 * cannot hold a résumé ({@code CONFIGURATION_INVALID} otherwise), {@code source.<medium>}/{@code source} = a tag
 * naming the source (default the medium id), {@code markerTag} (default {@code renkei}), {@code kanaCustomField} =
 * the {@code name_key} of a candidate custom field that receives the kana reading (Greenhouse has no kana field;
 * without this setting the kana is not sent).
 *
 * <p>Tokens: client credentials at the auth URL (Basic client id:secret, form
 * {@code grant_type=client_credentials&sub=<user>}), cached per (auth URL, client, secret, user) in this provider
 * until {@code expires_at} (or {@code expires_in}) minus 60 s, one renewal at a time; a 401 drops the token, mints
 * one new token and replays the call once.
 *
 * <p>Import: {@code GET /v3/candidates?email=…&per_page=100}, following {@code Link: rel="next"} only to the
 * configured host and with the cursor as the only parameter. Ours = the candidate with the marker tag and
 * {@code urn:renkei:<key>} among its website addresses; else the single candidate with that e-mail (several →
 * {@code DATA_REJECTED}: merge them). Its application on the job ({@code GET /v3/applications?candidate_ids=}) →
 * done, missing attachments are added; a person without this job → {@code POST /v3/applications}; nobody →
 * {@code POST /v3/candidates} with {@code first_name}/{@code last_name} (split on the first space or full-width
 * space; without one the whole name is the last name and the first name is "-"), typed e-mail, phone and address,
 * the key as a website address, tags and {@code application.job_id}. Résumés: {@code POST /v3/attachments}
 * (base64 {@code content}, first file {@code resume}, the others {@code other}). After an unclear create the
 * connector looks up again instead of re-posting. {@code X-RateLimit-Remaining: 0} waits until
 * {@code X-RateLimit-Reset}; 429 on a POST is retried after {@code Retry-After} up to four attempts. The record id
 * is {@code <candidate id>/<application id>}.
 */
public final class GreenhouseAtsConnectorProvider implements AtsConnectorProvider {
    /** The id. */
    public static final String ID = "greenhouse";

    private final Map<String, GreenhouseTokens> tokens = new ConcurrentHashMap<>();

    /** For {@link java.util.ServiceLoader} and explicit registration. */
    public GreenhouseAtsConnectorProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AtsConnector create(ConnectorContext context) {
        URI authUrl = Mapping.url(context, "authUrl", "https://auth.greenhouse.io/token");
        String clientId = context.requireSecret("loginId").reveal();
        String clientSecret = context.requireSecret("secret").reveal();
        String sub = context.setting("actingUserId").map(String::strip).orElse(null);
        String cacheKey = sha256(authUrl + "\n" + clientId + "\n" + clientSecret + "\n" + sub);
        GreenhouseTokens source = tokens.computeIfAbsent(cacheKey,
                k -> new GreenhouseTokens(authUrl, clientId, clientSecret, sub, context.clock()));
        return new GreenhouseConnector(context, source);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
