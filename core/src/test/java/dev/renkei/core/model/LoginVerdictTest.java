package dev.renkei.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LoginVerdictTest {
    private static final Instant AT = Instant.parse("2025-04-01T00:00:00Z");

    @Test
    void aFailedVerdictExplainsWhatToFixForItsAccount() {
        LoginVerdict v = LoginVerdict.failed("doda_002", ErrorCode.LOGIN_FAILED, "ID or password wrong", AT);

        assertThat(v.ok()).isFalse();
        assertThat(v.remedy(Locale.JAPANESE)).contains("doda_002").contains("パスワード");
        assertThat(LoginVerdict.ok("ATS", AT).remedy(Locale.ENGLISH)).isEmpty();
    }

    @Test
    void inconsistentVerdictsAreRejectedWithATypedError() {
        assertThatThrownBy(() -> new LoginVerdict("doda_001", true, ErrorCode.TIMEOUT, null, AT))
                .isInstanceOf(ValidationException.class).hasMessageContaining("doda_001");
        assertThatThrownBy(() -> new LoginVerdict("doda_001", false, null, null, AT))
                .isInstanceOf(ValidationException.class).hasMessageContaining("needs an error code");
        assertThatThrownBy(() -> LoginVerdict.ok(" ", AT))
                .isInstanceOf(ValidationException.class).hasMessageContaining("account");
    }
}
