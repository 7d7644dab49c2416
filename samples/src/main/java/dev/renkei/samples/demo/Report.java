package dev.renkei.samples.demo;

import java.io.PrintStream;

/**
 * The demo's human-readable report: chapters, numbered steps and indented lines. Thread-safe (progress lines come
 * from the engine's worker threads).
 */
public final class Report {
    private final PrintStream out;
    private int step;

    /** A report printed to {@code out}. */
    public Report(PrintStream out) {
        this.out = out;
    }

    /** A text line without indentation. */
    public synchronized void line(String text) {
        out.println(text);
    }

    /** An empty line. */
    public synchronized void blank() {
        out.println();
    }

    /** Starts a chapter; steps are numbered again from 1. */
    public synchronized void chapter(int number, String title) {
        step = 0;
        out.println();
        out.println("━━ Chapter " + number + ": " + title + " ━━");
    }

    /** Starts the next step of the chapter. */
    public synchronized void step(String title) {
        step++;
        out.println();
        out.println("[" + step + "] " + title);
    }

    /** An indented detail line. */
    public synchronized void detail(String text) {
        for (String l : text.split("\n", -1)) {
            out.println("    " + l);
        }
    }

    /** A two-column detail line. */
    public synchronized void item(String label, String text) {
        out.println("    " + pad(label, 15) + " " + text);
    }

    /** An indented block quoted with a bar, e.g. a received mail. */
    public synchronized void quote(String text) {
        for (String l : text.strip().split("\r?\n", -1)) {
            out.println("    │ " + l);
        }
    }

    private static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
