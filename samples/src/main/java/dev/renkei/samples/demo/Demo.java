package dev.renkei.samples.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.samples.ResultJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code demo} command: runs every {@link DemoChapter} against local simulators, with an H2 database in the demo
 * folder (wiped first). Never needs the internet.
 */
public final class Demo {
    /** The default demo folder, relative to the working directory. */
    public static final String DEFAULT_DIR = "renkei-demo";
    /** The files an H2 database named {@code renkei} leaves in the demo folder. */
    private static final Pattern DEMO_FILE = Pattern.compile("renkei\\.[a-z0-9.]+\\.db|renkei\\.[a-z0-9.]*\\.tmp");

    /** Printed by {@code demo --help}. */
    static final String USAGE = """
            Usage: java -jar renkei-samples.jar demo [--json] [--dir DIR] [--only robots|meetings|mypage]
              Runs the demo against local simulators and an embedded H2 database; nothing leaves this machine.
              Chapters: robots (job boards → ATS), meetings (Zoom interview meetings), mypage (PORTERS → MyPage).
              --json     print one JSON summary on stdout (the report goes to stderr)
              --dir DIR  the demo folder (default ./renkei-demo, wiped at the start)
              --only ID  run one chapter
            Exit codes: 0 every chapter completed, 1 one failed, 2 bad arguments.
            """;

    private Demo() {}

    /** The chapters, in order. */
    static List<DemoChapter> chapters() {
        return List.of(new RobotsChapter(), new MeetingsChapter(), new MyPageChapter());
    }

    /**
     * Runs the demo.
     *
     * @param args {@code [--json] [--dir DIR] [--only ID]}
     * @return 0 when every chapter completed, 1 when one failed, 2 for bad arguments
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        Path dir = Path.of(DEFAULT_DIR);
        String only = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.print(USAGE);
                return 0;
            } else if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--dir") && i + 1 < args.size()) {
                dir = Path.of(args.get(++i));
            } else if (a.equals("--only") && i + 1 < args.size()) {
                only = args.get(++i);
            } else {
                err.println("demo: unknown or incomplete option '" + a + "' (use [--json] [--dir DIR] [--only ID])");
                return 2;
            }
        }
        List<DemoChapter> chapters = chapters();
        if (only != null) {
            String id = only;
            chapters = chapters.stream().filter(c -> c.id().equals(id)).toList();
            if (chapters.isEmpty()) {
                err.println("demo: no chapter '" + id + "' (use robots, meetings or mypage)");
                return 2;
            }
        }
        Report report = new Report(json ? err : out);
        report.line("Renkei demo — job boards, ATS, Zoom, PORTERS and the SMTP server are local simulators; nothing leaves this "
                + "machine.");
        try {
            wipe(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            err.println("demo: cannot prepare the demo folder " + dir.toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
        report.line("Demo folder: " + dir.toAbsolutePath() + " (wiped at the start of every demo)");
        ObjectNode summary = ResultJson.MAPPER.createObjectNode();
        summary.put("demoFolder", dir.toAbsolutePath().toString());
        try (DemoContext ctx = DemoContext.open(dir, report)) {
            for (int i = 0; i < chapters.size(); i++) {
                DemoChapter chapter = chapters.get(i);
                report.chapter(i + 1, chapter.title());
                chapter.run(ctx, summary.putObject(chapter.id()));
            }
        } catch (Exception e) {
            err.println("demo failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
        report.blank();
        report.line("Done. Next: run robots and MyPage batches from a config file — java -jar renkei-samples.jar help");
        if (json) {
            out.println(summary.toString());
        }
        return 0;
    }

    /**
     * Deletes the demo database of an earlier demo. Refuses a folder holding anything else, so a mistyped
     * {@code --dir} never deletes someone's files.
     */
    public static void wipe(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.toList();
        }
        for (Path p : entries) {
            if (!Files.isRegularFile(p) || !DEMO_FILE.matcher(p.getFileName().toString()).matches()) {
                throw new IOException("it holds " + p.getFileName() + ", which the demo did not create; "
                        + "choose another folder with --dir");
            }
        }
        for (Path p : entries) {
            Files.delete(p);
        }
    }
}
