package dev.renkei.samples.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.samples.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A runner config file for tests: both demo boards (as profile files with short pacing), a webhook receiver, and
 * two robots — {@code main} (demo-html + demo-csv) and {@code broken} (demo-html with a wrong password).
 */
final class RunnerFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    final ObjectNode root;
    final Path dir;

    RunnerFixture(Path dir, String boardsUrl, String receiverUrl, String signingSecret) {
        this.dir = dir;
        TestFiles.fastProfile(DemoBoards.HTML, dir);
        TestFiles.fastProfile(DemoBoards.CSV, dir);
        TestFiles.keyFile(dir, "secret.key");
        root = JSON.createObjectNode();
        root.put("tenant", "demo-shoji");
        root.putObject("secretKey").put("id", "k1").put("file", "secret.key");
        root.putObject("engine").put("initialLookback", "3650d");
        ObjectNode media = root.putObject("media");
        for (String board : new String[] {DemoBoards.HTML, DemoBoards.CSV}) {
            ObjectNode m = media.putObject(board);
            m.put("profileFile", board + ".json");
            m.putObject("settings").put("baseUrl", boardsUrl);
        }
        ArrayNode robots = root.putArray("robots");
        ObjectNode main = robot(robots, "main", receiverUrl, signingSecret);
        slot(main, DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, DemoBoards.HTML_PASSWORD, DemoBoards.HTML_COMPANY_CODE);
        slot(main, DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID, DemoBoards.CSV_PASSWORD, null);
        ObjectNode broken = robot(robots, "broken", receiverUrl, signingSecret);
        slot(broken, DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, "wrong-password", DemoBoards.HTML_COMPANY_CODE);
    }

    private static ObjectNode robot(ArrayNode robots, String id, String receiverUrl, String secret) {
        ObjectNode r = robots.addObject();
        r.put("id", id);
        r.put("name", "ロボット " + id);
        ObjectNode ats = r.putObject("ats");
        ats.put("connector", "webhook");
        ats.put("account", "hr");
        ats.putObject("settings").put("url", receiverUrl);
        ats.put("loginId", "key-1");
        ats.put("secret", secret);
        r.putObject("schedule").put("zone", "Asia/Tokyo").putArray("times").add("09:00");
        r.putObject("notifications").putArray("to").add("saiyo@demo-shoji.example");
        r.putArray("slots");
        return r;
    }

    private static void slot(ObjectNode robot, String medium, String loginId, String password, String companyCode) {
        ObjectNode s = ((ArrayNode) robot.get("slots")).addObject();
        s.put("medium", medium).put("loginId", loginId).put("password", password);
        if (companyCode != null) {
            s.putObject("extras").put("companyCode", companyCode);
        }
    }

    ObjectNode robot(String id) {
        for (var r : root.get("robots")) {
            if (r.get("id").asText().equals(id)) {
                return (ObjectNode) r;
            }
        }
        throw new IllegalArgumentException(id);
    }

    /** Writes the config to {@code dir/runner.json}. */
    Path write() {
        Path file = dir.resolve("runner.json");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
