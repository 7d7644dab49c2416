package dev.renkei.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ValidationException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlotIdTest {
    @Test
    void parsesAndFormatsMediumUnderscoreThreeDigits() {
        SlotId id = SlotId.parse("doda_001");

        assertThat(id.medium()).isEqualTo("doda");
        assertThat(id.number()).isEqualTo(1);
        assertThat(id.value()).isEqualTo("doda_001");
        assertThat(id).hasToString("doda_001");
        assertThat(new SlotId("mynavi-tenshoku", 42).value()).isEqualTo("mynavi-tenshoku_042");
        assertThat(SlotId.parse("green_999")).isEqualTo(new SlotId("green", 999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"doda_1", "Doda_001", "doda_000", "doda_1000", "doda001", "_001", "doda_00a",
            "doda_001 ", "1doda_001", "do_da_001", "doda_-01"})
    void rejectsMalformedIds(String text) {
        assertThatThrownBy(() -> SlotId.parse(text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("slot");
    }

    @Test
    void explainsTheExpectedForm() {
        assertThatThrownBy(() -> SlotId.parse("Doda_001"))
                .hasMessageContaining("'Doda_001'").hasMessageContaining("doda_001");
        assertThatThrownBy(() -> SlotId.parse("doda_000")).hasMessageContaining("001 to 999");
        assertThatThrownBy(() -> new SlotId("doda", 1000)).hasMessageContaining("001 to 999");
        assertThatThrownBy(() -> SlotId.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void formatsWithAsciiDigitsWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("th-TH-u-nu-thai"));

            assertThat(new SlotId("doda", 7).value()).isEqualTo("doda_007");
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
    }
}
