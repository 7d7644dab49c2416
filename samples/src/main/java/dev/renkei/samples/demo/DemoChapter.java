package dev.renkei.samples.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One chapter of the demo: a capability shown end-to-end against local simulators. The robot chapter is the first;
 * interview meetings (Zoom) and the MyPage sync slot in as further chapters.
 *
 * <p>A chapter starts and stops its own simulators, uses the shared database and SMTP server of the
 * {@link DemoContext}, prints its progress to the context's report, and writes its figures into its own JSON object
 * (the demo's {@code --json} output holds it under {@link #id()}).
 */
public interface DemoChapter {
    /** The key of this chapter's figures in the JSON summary, e.g. {@code robots}. */
    String id();

    /** The chapter title in the report. */
    String title();

    /**
     * Runs the chapter.
     *
     * @param ctx shared database, SMTP server, HTTP executor and report
     * @param result where the chapter writes its figures
     * @throws Exception when the chapter cannot complete; the demo then fails with exit code 1
     */
    void run(DemoContext ctx, ObjectNode result) throws Exception;
}
