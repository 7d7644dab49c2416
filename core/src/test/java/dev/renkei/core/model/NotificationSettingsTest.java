package dev.renkei.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationSettingsTest {
    @Test
    void needsAtLeastOneToAddress() {
        assertThatThrownBy(() -> new NotificationSettings(List.of(), List.of("cc@example.jp"), Locale.JAPANESE))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at least one To address");
        assertThatThrownBy(() -> new NotificationSettings(null, List.of(), Locale.JAPANESE))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("To");
    }

    @Test
    void keepsValidAddressesInOrderWithoutRepeats() {
        NotificationSettings n = new NotificationSettings(
                List.of("jinji@example.co.jp", " saiyo+robot@example.co.jp ", "jinji@example.co.jp"),
                null, null);

        assertThat(n.to()).containsExactly("jinji@example.co.jp", "saiyo+robot@example.co.jp");
        assertThat(n.cc()).isEmpty();
        assertThat(n.locale()).isEqualTo(Locale.JAPANESE);
    }

    @Test
    void ccIsOptionalAndValidated() {
        NotificationSettings n = new NotificationSettings(List.of("a@example.jp"), List.of("b@example.jp"),
                Locale.ENGLISH);

        assertThat(n.cc()).containsExactly("b@example.jp");
        assertThatThrownBy(() -> new NotificationSettings(List.of("a@example.jp"), List.of("not-an-address"),
                Locale.ENGLISH))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Cc address 'not-an-address'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a@", "@example.jp", "a@b", "a b@example.jp", "a@example..jp", "a@-x.jp",
            "\"quoted\"@example.jp", "Name <a@example.jp>", "a@example.jp,b@example.jp", ""})
    void rejectsAnInvalidToAddressNamingIt(String address) {
        assertThatThrownBy(() -> NotificationSettings.to(address))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("To address '" + address + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.jp\r\nBcc: evil@example.com", "a@example.jp\r\n", "\na@example.jp",
            "a@example.jp\u0000", "a@exa\rmple.jp"})
    void rejectsLineBreaksAndControlCharacters(String address) {
        assertThatThrownBy(() -> new NotificationSettings(List.of("ok@example.jp"), List.of(address), null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Cc address")
                .hasMessageContaining("line breaks")
                .hasMessageNotContaining("\r")
                .hasMessageNotContaining("\n");
    }

    @Test
    void rejectsANullEntry() {
        List<String> to = new ArrayList<>();
        to.add(null);

        assertThatThrownBy(() -> new NotificationSettings(to, List.of(), null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("To address");
    }

    @Test
    void copiesTheLists() {
        List<String> to = new ArrayList<>(List.of("a@example.jp"));
        NotificationSettings n = new NotificationSettings(to, List.of(), null);
        to.add("b@example.jp");

        assertThat(n.to()).containsExactly("a@example.jp");
    }
}
