package dev.renkei.core.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.mail.internal.ResultMailModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Mustache (jmustache) templates of the result mails, in Japanese and English.
 *
 * <p>There are twelve, named {@code <kind>-<lang>-<part>}: kind {@code result} (to the robot's recipients) or
 * {@code operator} (no-action errors to the operator), lang {@code ja} or {@code en}, part {@code subject},
 * {@code text} or {@code html}. The defaults ship in the jar under {@code dev/renkei/core/mail/templates/}
 * ({@code <name>.mustache}); copy one, edit it, and register it with {@link Builder#template} or
 * {@link Builder#directory}.
 *
 * <p>HTML templates are compiled with HTML escaping on, so every {@code {{value}}} is escaped; text and subject
 * templates are compiled without it. To keep user-supplied values (robot names, messages, applicant data) escaped,
 * HTML templates may not use unescaped output ({@code {{{x}}}}, {@code {{&x}}}) nor change the delimiters; such a
 * template is refused. Every template is rendered against sample data when it is loaded, so a typo in a variable
 * name fails here, not when a run finishes.
 */
public final class MailTemplates {
    /** Every template name. */
    public static final Set<String> NAMES = names();

    private static final String RESOURCE_DIR = "/dev/renkei/core/mail/templates/";
    private static final Pattern UNESCAPED = Pattern.compile("\\{\\{\\s*[{&=]");
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).emptyStringIsFalse(true)
            .zeroIsFalse(true);
    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true)
            .zeroIsFalse(true);
    private static final MailTemplates DEFAULTS = new Builder(false).build();

    private final Map<String, Template> templates;

    private MailTemplates(Map<String, Template> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** The templates shipped in the jar. */
    public static MailTemplates defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the shipped templates and replaces the ones given. */
    public static Builder builder() {
        return new Builder(true);
    }

    /** Renders the named template. Package-private: the composer calls it. */
    String render(String name, Map<String, Object> model) {
        Template t = templates.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no mail template " + name);
        }
        return t.execute(model);
    }

    private static Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (String kind : List.of("result", "operator")) {
            for (String lang : List.of("ja", "en")) {
                for (String part : List.of("subject", "text", "html")) {
                    out.add(kind + "-" + lang + "-" + part);
                }
            }
        }
        return Set.copyOf(out);
    }

    private static String shipped(String name) {
        try (InputStream in = MailTemplates.class.getResourceAsStream(RESOURCE_DIR + name + ".mustache")) {
            if (in == null) {
                throw new IllegalStateException("mail template resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Template compile(String name, String source) {
        boolean html = name.endsWith("-html");
        if (html && UNESCAPED.matcher(source).find()) {
            throw new ValidationException("mail template " + name + " uses unescaped output ({{{x}}} or {{&x}}) or "
                    + "changes the delimiters; HTML templates must escape every value");
        }
        Template t;
        try {
            t = (html ? HTML : TEXT).compile(source);
        } catch (MustacheException e) {
            throw new ValidationException("mail template " + name + " does not compile: " + Checks.printable(e.getMessage()));
        }
        Locale locale = name.contains("-ja-") ? Locale.JAPANESE : Locale.ENGLISH;
        for (boolean actionRequired : new boolean[] {true, false}) {
            try {
                t.execute(ResultMailModel.sample(locale, actionRequired));
            } catch (MustacheException e) {
                throw new ValidationException("mail template " + name + " cannot be rendered: "
                        + Checks.printable(e.getMessage()));
            }
        }
        return t;
    }

    /** Builds a {@link MailTemplates}. */
    public static final class Builder {
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final boolean custom;

        private Builder(boolean custom) {
            this.custom = custom;
        }

        /**
         * Replaces one template.
         *
         * @param name one of {@link #NAMES}, e.g. {@code result-ja-html}
         * @param source the Mustache source
         */
        public Builder template(String name, String source) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown mail template '" + Checks.printable(name) + "'; expected one of "
                        + new java.util.TreeSet<>(NAMES));
            }
            sources.put(name, Checks.notNull(source, "mail template " + name));
            return this;
        }

        /**
         * Replaces every template that has a file {@code <name>.mustache} (UTF-8) in the directory; the others stay
         * as shipped. Other {@code .mustache} files are refused, so a misspelt name is noticed.
         */
        public Builder directory(Path dir) {
            Checks.notNull(dir, "mail template directory");
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    String file = f.getFileName().toString();
                    if (file.endsWith(".mustache")) {
                        template(file.substring(0, file.length() - ".mustache".length()),
                                Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new ValidationException("mail template directory " + dir + " cannot be read: " + e.getMessage());
            }
            return this;
        }

        /** Compiles and checks every template. */
        public MailTemplates build() {
            if (custom && sources.isEmpty()) {
                return DEFAULTS;
            }
            Map<String, Template> out = new LinkedHashMap<>();
            for (String name : NAMES) {
                String source = sources.get(name);
                out.put(name, custom && source == null ? DEFAULTS.templates.get(name) : compile(name,
                        source == null ? shipped(name) : source));
            }
            return new MailTemplates(out);
        }
    }
}
