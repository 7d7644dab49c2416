package dev.renkei.media.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charset detection for Japanese boards. Shift_JIS labels decode as Windows-31J (MS932), which has the vendor
 * characters (①, ㈱, ～) that Java's strict {@code Shift_JIS} lacks. Not API.
 */
public final class Charsets {
    /** Windows-31J (MS932). */
    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Set<String> SJIS_LABELS = Set.of("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji",
            "csshiftjis", "windows-31j", "cp932", "ms932", "x-ms-cp932", "csWindows31J".toLowerCase(Locale.ROOT));
    private static final Pattern META = Pattern.compile(
            "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_\\-:.]+)", Pattern.CASE_INSENSITIVE);

    private Charsets() {}

    /** The charset for a label, Shift_JIS labels mapped to Windows-31J; empty when unknown. */
    public static Optional<Charset> forLabel(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        String l = label.strip().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        if (SJIS_LABELS.contains(l)) {
            return Optional.of(WINDOWS_31J);
        }
        try {
            return Optional.of(Charset.forName(l));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The {@code charset=} parameter of a content type. */
    public static Optional<Charset> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return forLabel(p.substring(8));
            }
        }
        return Optional.empty();
    }

    /**
     * The charset of an HTML page: a fixed override, else a BOM, else the {@code Content-Type} header, else a
     * {@code <meta charset>} or {@code http-equiv} declaration in the first 4 KiB, else UTF-8.
     */
    public static Charset detectHtml(byte[] body, String contentType, String fixed) {
        Optional<Charset> override = forLabel(fixed);
        if (override.isPresent()) {
            return override.get();
        }
        Optional<Charset> bom = bom(body);
        if (bom.isPresent()) {
            return bom.get();
        }
        Optional<Charset> header = fromContentType(contentType);
        if (header.isPresent()) {
            return header.get();
        }
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = META.matcher(head);
        if (m.find()) {
            Optional<Charset> meta = forLabel(m.group(1));
            if (meta.isPresent()) {
                return meta.get();
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Decodes text: without BOM bytes when a BOM is present. */
    public static String decode(byte[] body, Charset charset) {
        int skip = bomLength(body, charset);
        return new String(body, skip, body.length - skip, charset);
    }

    /**
     * Decodes an export: with {@code encoding} {@code auto} or {@code null}: BOM → strict UTF-8 → Windows-31J;
     * otherwise the named charset.
     */
    public static Decoded decodeExport(byte[] body, String encoding) {
        if (encoding != null && !"auto".equalsIgnoreCase(encoding)) {
            Charset c = forLabel(encoding).orElseThrow();
            return new Decoded(decode(body, c), c);
        }
        Optional<Charset> bom = bom(body);
        if (bom.isPresent()) {
            return new Decoded(decode(body, bom.get()), bom.get());
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            return new Decoded(s, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(body, WINDOWS_31J), WINDOWS_31J);
        }
    }

    /** Decoded text and the charset used. */
    public record Decoded(String text, Charset charset) {}

    private static Optional<Charset> bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    private static int bomLength(byte[] b, Charset c) {
        Optional<Charset> bom = bom(b);
        if (bom.isEmpty() || !bom.get().equals(c)) {
            return 0;
        }
        return c.equals(StandardCharsets.UTF_8) ? 3 : 2;
    }
}
