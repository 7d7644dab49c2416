package dev.renkei.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {
    private static final String EVERY_KIND = "a\u0000b\tc\r\nd\u007Fe\u0085f\u2028g\u2029h";

    @Test
    void findsEveryLineBreakAndControlCharacterButNotOrdinaryText() {
        assertThat(ControlCharacters.containsAny(EVERY_KIND)).isTrue();
        for (char c : new char[] {'\u0000', '\t', '\n', '\r', '\u001F', '\u007F', '\u0085', '\u2028', '\u2029'}) {
            assertThat(ControlCharacters.containsAny("x" + c)).as("U+%04X", (int) c).isTrue();
        }
        assertThat(ControlCharacters.containsAny("応募者 Tanaka <a@example.jp> 100%")).isFalse();
        assertThat(ControlCharacters.containsAny(null)).isFalse();
    }

    @Test
    void replacesEachCharacterOrEachRunLiterally() {
        assertThat(ControlCharacters.replace(EVERY_KIND, "_")).isEqualTo("a_b_c__d_e_f_g_h");
        assertThat(ControlCharacters.replace("a\r\nb", "$1\\")).isEqualTo("a$1\\$1\\b");
        assertThat(ControlCharacters.replaceRuns("a\r\n\tb\nc", " ")).isEqualTo("a b c");
        assertThat(ControlCharacters.replace(null, "_")).isNull();
        assertThat(ControlCharacters.replaceRuns(null, " ")).isNull();
    }
}
