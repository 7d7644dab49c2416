package dev.renkei.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ValidationException;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.spi.ConnectorContext;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A canary secret must never show up in any toString that might reach a log, a mail or an exception. */
class SecretsAreNeverPrintedTest {
    private static final String CANARY = "CANARY-pw-9d1f";

    @Test
    void secretHidesItsValueButRevealsItOnRequest() {
        Secret s = Secret.of(CANARY);

        assertThat(s.toString()).doesNotContain(CANARY).contains("<not logged>");
        assertThat(s.reveal()).isEqualTo(CANARY);
        assertThat(s).isEqualTo(Secret.of(CANARY)).isNotEqualTo(Secret.of(CANARY + "x"));
        assertThat(s.hashCode()).isEqualTo(Secret.of("other").hashCode());
    }

    @Test
    void anEmptyOrMissingSecretIsRejected() {
        assertThatThrownBy(() -> Secret.of("")).isInstanceOf(ValidationException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("secret");
    }

    @Test
    void credentialsShowTheLoginIdAndTheExtraNamesButNeitherTheSecretNorTheExtraValues() {
        Credentials c = new Credentials("recruit@example.jp", Secret.of(CANARY),
                Map.of("companyCode", "C-100", "branch", "B-7"));

        assertThat(c.toString())
                .isEqualTo("Credentials[loginId=recruit@example.jp, secret=<not logged>, extras=[branch, companyCode]]")
                .doesNotContain(CANARY).doesNotContain("C-100").doesNotContain("B-7");
    }

    @Test
    void credentialsRejectBadExtrasWithATypedError() {
        Map<String, String> extras = new HashMap<>();
        extras.put("companyCode", null);

        assertThatThrownBy(() -> new Credentials("id", Secret.of(CANARY), extras))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("companyCode");
        assertThatThrownBy(() -> new Credentials("id", Secret.of(CANARY), Map.of("companyCode", "a\r\nb")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> Credentials.of("id\nx", CANARY))
                .isInstanceOf(ValidationException.class).hasMessageContaining("login id")
                .hasMessageNotContaining(CANARY);
        assertThatThrownBy(() -> Credentials.of(" ", CANARY))
                .isInstanceOf(ValidationException.class).hasMessageNotContaining(CANARY);
    }

    @Test
    void atsAccountsRobotsAndSlotsDoNotPrintTheSecret() {
        AtsAccount ats = new AtsAccount("greenhouse", "acme", Map.of("baseUrl", "https://ats.example"),
                Credentials.of("api", CANARY));
        AccountSlot slot = new AccountSlot(SlotId.parse("doda_001"), Credentials.of("doda-user", CANARY), false,
                null);
        Robot robot = new Robot(TenantId.of("t1"), RobotId.of("r1"), "doda robot", true, ats, List.of(slot),
                NotificationSettings.to("hr@example.jp"), Schedule.of(ZoneId.of("Asia/Tokyo"), LocalTime.of(9, 0)), 0);

        assertThat(ats.toString()).doesNotContain(CANARY).contains("greenhouse:acme").contains("https://ats.example");
        assertThat(slot.toString()).doesNotContain(CANARY).contains("doda-user");
        assertThat(robot.toString()).doesNotContain(CANARY).contains("doda robot");
    }

    @Test
    void aConnectorContextListsSecretNamesOnly() {
        ConnectorContext ctx = ConnectorContext.of(HttpExecutor.builder().build())
                .with(Map.of("baseUrl", "https://hrbc.example"), Map.of("apiKey", Secret.of(CANARY)));

        assertThat(ctx.toString()).doesNotContain(CANARY).contains("apiKey").contains("https://hrbc.example");
        assertThat(ctx.requireSecret("apiKey").reveal()).isEqualTo(CANARY);
        assertThatThrownBy(() -> ctx.requireSecret("other"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'other'");
        assertThatThrownBy(() -> ctx.requireSetting("partition"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'partition'");
    }

    @Test
    void aConnectorContextNeverPrintsItsCredentialsOrTokens() {
        ConnectorContext ctx = ConnectorContext.of(HttpExecutor.builder().build())
                .withCredentials(new Credentials("client-1", Secret.of(CANARY), Map.of("region", CANARY + "-extra")))
                .withTokens(new dev.renkei.core.spi.TokenSource() {
                    @Override
                    public Secret accessToken() {
                        return Secret.of(CANARY + "-token");
                    }

                    @Override
                    public Secret renewAfterRejection(Secret rejected) {
                        return accessToken();
                    }
                });

        assertThat(ctx.toString()).doesNotContain(CANARY).contains("client-1").contains("region");
        assertThat(ctx.requireCredentials().secret().reveal()).isEqualTo(CANARY);
        assertThat(ctx.requireTokens().accessToken().reveal()).isEqualTo(CANARY + "-token");
        ConnectorContext bare = ConnectorContext.of(HttpExecutor.builder().build());
        assertThatThrownBy(bare::requireCredentials).isInstanceOf(ValidationException.class);
        assertThatThrownBy(bare::requireTokens).isInstanceOf(ValidationException.class);
    }
}
