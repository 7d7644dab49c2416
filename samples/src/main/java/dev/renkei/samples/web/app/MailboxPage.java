package dev.renkei.samples.web.app;

import dev.renkei.samples.demo.DemoContext;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /mailbox}: the mails the local SMTP server received, newest first, with their links clickable — the
 * invitation mail's setup link is opened from here, as a job seeker would from their mail client.
 */
final class MailboxPage {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");
    private final WebApp app;

    MailboxPage(WebApp app) {
        this.app = app;
    }

    void routes(Router router) {
        router.get("/mailbox", this::list);
    }

    private Response list(Request r) throws MessagingException, IOException {
        app.sendDueMails();
        MimeMessage[] mails = app.simulators().mails();
        List<String> items = new ArrayList<>();
        for (int i = mails.length - 1; i >= 0; i--) {
            MimeMessage m = mails[i];
            items.add("<article class=\"mail\"><h2 class=\"subject\">" + Html.escape(m.getSubject()) + "</h2>"
                    + "<p class=\"muted\">宛先: " + Html.escape(addresses(m.getAllRecipients())) + "　送信者: "
                    + Html.escape(addresses(m.getFrom())) + "</p><pre class=\"body\">"
                    + linkify(Html.escape(DemoContext.textOf(m))) + "</pre></article>");
        }
        String body = items.isEmpty() ? "<p>まだメールは届いていません。</p>"
                : "<p>" + mails.length + " 件（宛先ごとに 1 件）</p>" + String.join("", items);
        return Response.html(Html.page(r, "受信メール", body));
    }

    private static String addresses(Address[] list) {
        return list == null ? "" : Arrays.stream(list).map(Address::toString).collect(Collectors.joining(", "));
    }

    /** Makes the URLs of already escaped text into links. */
    static String linkify(String escaped) {
        Matcher m = URL.matcher(escaped);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement("<a href=\"" + m.group() + "\">" + m.group() + "</a>"));
        }
        m.appendTail(b);
        return b.toString();
    }
}
