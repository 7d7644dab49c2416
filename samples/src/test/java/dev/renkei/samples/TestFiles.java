package dev.renkei.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.media.SiteProfileMediaProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Files the runner tests write: fast profile copies and key files. */
public final class TestFiles {
    private TestFiles() {}

    /**
     * A copy of a shipped demo profile with short page pacing (the simulators are local), written to
     * {@code dir/<id>.json}: the runner loads it as a profile file, like a user-added board.
     */
    public static Path fastProfile(String id, Path dir) {
        try (InputStream in = SiteProfileMediaProvider.class.getClassLoader()
                .getResourceAsStream(SiteProfileMediaProvider.PROFILES + id + ".json")) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode profile = (ObjectNode) json.readTree(in);
            ((ObjectNode) profile.get("pacing")).put("delay", "PT0.01S");
            Path file = dir.resolve(id + ".json");
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), profile);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh 32-byte key, base64, in {@code dir/name}. */
    public static Path keyFile(Path dir, String name) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        try {
            return Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(k) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
