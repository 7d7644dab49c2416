package dev.renkei.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.media.internal.Charsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetsTest {
    private static final Charset MS932 = Charset.forName("windows-31j");

    @Test
    void shiftJisLabelsDecodeAsWindows31jSoVendorCharactersSurvive() {
        byte[] page = "<html><head><meta charset=\"Shift_JIS\"></head><body>①㈱髙～</body></html>".getBytes(MS932);

        Charset detected = Charsets.detectHtml(page, "text/html", null);

        assertThat(detected).isEqualTo(MS932);
        assertThat(Charsets.decode(page, detected)).contains("①㈱髙～");
    }

    @Test
    void theHeaderWinsOverTheMetaTagAndAFixedCharsetWinsOverBoth() {
        byte[] page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=EUC-JP\">山田".getBytes(MS932);

        assertThat(Charsets.detectHtml(page, "text/html; charset=x-sjis", null)).isEqualTo(MS932);
        assertThat(Charsets.detectHtml(page, "text/html", null)).isEqualTo(Charset.forName("EUC-JP"));
        assertThat(Charsets.detectHtml(page, "text/html; charset=UTF-8", "Shift_JIS")).isEqualTo(MS932);
    }

    @Test
    void eucJpPagesDecode() {
        byte[] page = "<meta charset=\"euc-jp\"><p>山田 太郎</p>".getBytes(Charset.forName("EUC-JP"));

        assertThat(Charsets.decode(page, Charsets.detectHtml(page, null, null))).contains("山田 太郎");
    }

    @Test
    void exportsAreBomThenStrictUtf8ThenWindows31j() {
        assertThat(Charsets.decodeExport("\uFEFFa,b".getBytes(StandardCharsets.UTF_8), "auto").text()).isEqualTo("a,b");
        assertThat(Charsets.decodeExport("山田".getBytes(StandardCharsets.UTF_8), "auto").charset())
                .isEqualTo(StandardCharsets.UTF_8);
        Charsets.Decoded sjis = Charsets.decodeExport("ﾔﾏﾀﾞ,①".getBytes(MS932), "auto");
        assertThat(sjis.charset()).isEqualTo(MS932);
        assertThat(sjis.text()).isEqualTo("ﾔﾏﾀﾞ,①");
        assertThat(Charsets.decodeExport("山田".getBytes(MS932), "Shift_JIS").text()).isEqualTo("山田");
    }
}
