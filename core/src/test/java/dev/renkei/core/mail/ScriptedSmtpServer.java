package dev.renkei.core.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny SMTP server on loopback for replies GreenMail cannot give (a 550 for a recipient, or no greeting at all).
 * Serves connections one after another until closed; records the commands it received.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;
    private final boolean silent;
    private final Function<String, String> replies;
    final List<String> commands = new CopyOnWriteArrayList<>();

    private ScriptedSmtpServer(boolean silent, Function<String, String> replies) throws IOException {
        this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.silent = silent;
        this.replies = replies;
        this.thread = new Thread(this::serve, "scripted-smtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A server that answers RCPT with the given reply and everything else with a plain success. */
    static ScriptedSmtpServer rejectingRecipients(String rcptReply) throws IOException {
        return new ScriptedSmtpServer(false, cmd -> {
            String upper = cmd.toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                return "250-scripted\r\n250 8BITMIME";
            }
            if (upper.startsWith("RCPT")) {
                return rcptReply;
            }
            if (upper.startsWith("QUIT")) {
                return "221 bye";
            }
            return "250 OK";
        });
    }

    /** A server that accepts connections and never says anything. */
    static ScriptedSmtpServer silent() throws IOException {
        return new ScriptedSmtpServer(true, cmd -> null);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                if (silent) {
                    s.getInputStream().read(); // hold the connection until the client gives up
                    continue;
                }
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                write(out, "220 scripted ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(line);
                    String reply = replies.apply(line);
                    write(out, reply);
                    if (line.toUpperCase(java.util.Locale.ROOT).startsWith("QUIT")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // closed or client gone: serve the next connection
            }
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
