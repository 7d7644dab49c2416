package dev.renkei.media.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/** What a browser would send for a form: its successful controls, hidden inputs (CSRF tokens) included. Not API. */
public final class Forms {
    private Forms() {}

    /** The form's current name/value pairs in document order (no submit buttons, unchecked boxes or files). */
    public static List<Map.Entry<String, String>> values(Element form) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Element el : form.select("input[name], select[name], textarea[name]")) {
            if (el.hasAttr("disabled")) {
                continue;
            }
            String name = el.attr("name");
            switch (el.normalName()) {
                case "input" -> {
                    String type = el.attr("type").toLowerCase(Locale.ROOT);
                    switch (type) {
                        case "submit", "button", "image", "reset", "file" -> { }
                        case "checkbox", "radio" -> {
                            if (el.hasAttr("checked")) {
                                out.add(Map.entry(name, el.hasAttr("value") ? el.attr("value") : "on"));
                            }
                        }
                        default -> out.add(Map.entry(name, el.attr("value")));
                    }
                }
                case "select" -> {
                    Element opt = el.selectFirst("option[selected]");
                    if (opt == null) {
                        opt = el.selectFirst("option");
                    }
                    if (opt != null) {
                        out.add(Map.entry(name, opt.hasAttr("value") ? opt.attr("value") : opt.text()));
                    }
                }
                default -> out.add(Map.entry(name, el.wholeText()));
            }
        }
        return out;
    }

    /**
     * The method a form is sent with: its {@code method} attribute ({@code POST}, else {@code GET} as in a browser);
     * without one, {@code POST} when the form holds a password ({@code secretField} or an
     * {@code input[type=password]}), because a browser would use GET and put the password into the URL.
     *
     * @param secretField the name of the control that will carry a secret, or {@code null}
     */
    public static String method(Element form, String secretField) {
        String declared = form.attr("method").strip();
        if (!declared.isEmpty()) {
            return declared.equalsIgnoreCase("post") ? "POST" : "GET";
        }
        boolean secret = secretField != null && has(form, secretField)
                || !form.select("input[type=password]").isEmpty();
        return secret ? "POST" : "GET";
    }

    /** True when the form has a control with this name. */
    public static boolean has(Element form, String name) {
        for (Element el : form.select("input[name], select[name], textarea[name]")) {
            if (el.attr("name").equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces every value of {@code name} with {@code value}, or appends it. */
    public static void set(List<Map.Entry<String, String>> values, String name, String value) {
        boolean done = false;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).getKey().equals(name)) {
                if (!done) {
                    values.set(i, Map.entry(name, value));
                    done = true;
                } else {
                    values.remove(i--);
                }
            }
        }
        if (!done) {
            values.add(Map.entry(name, value));
        }
    }
}
