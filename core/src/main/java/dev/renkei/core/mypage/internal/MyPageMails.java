package dev.renkei.core.mypage.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MailTemplate;
import dev.renkei.core.mypage.MyPageTemplates;
import dev.renkei.core.store.OutboxMail;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders the MyPage mails: logic-less Mustache, every value escaped ({@code < > & " '}), CR/LF removed from the
 * subject. Not API.
 */
public final class MyPageMails {
    private static final Mustache.Compiler COMPILER = Mustache.compiler().emptyStringIsFalse(true)
            .defaultValue("").withEscaper(MyPageMails::escape);
    private static final Map<String, Object> SAMPLE = Map.of("name", "n", "email", "e@example.com", "personId", "1",
            "setupUrl", "https://example.com/?token=x", "expiresAt", "2026/01/01 00:00:00", "remindersLeft", "1",
            "resumeIds", "2");

    private MyPageMails() {}

    /** Compiles and renders each template once with sample values. @throws IllegalArgumentException if one fails */
    public static void validate(MyPageTemplates t) {
        for (MailTemplate m : List.of(t.registrationRequest(), t.reminder(), t.duplicateError(),
                t.registrationComplete())) {
            for (String source : List.of(m.subject(), m.body())) {
                if (source.contains("{{{") || source.contains("{{&") || source.contains("{{=")) {
                    throw new IllegalArgumentException("MyPage templates must escape every value: no {{{x}}}, "
                            + "{{&x}} or delimiter changes");
                }
                try {
                    COMPILER.compile(source).execute(SAMPLE);
                } catch (MustacheException e) {
                    throw new IllegalArgumentException("a MyPage mail template does not compile: " + e.getMessage());
                }
            }
        }
    }

    /** A pending outbox mail rendered from {@code template}. */
    public static OutboxMail render(String id, TenantId tenant, String from, List<String> to, MailTemplate template,
                                    Map<String, Object> values, Instant now) {
        Template subject = COMPILER.compile(template.subject());
        Template body = COMPILER.compile(template.body());
        String s = subject.execute(values).replace('\r', ' ').replace('\n', ' ').strip();
        return OutboxMail.pending(id, tenant, from, to, List.of(), s, body.execute(values), null, now);
    }

    static String escape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
