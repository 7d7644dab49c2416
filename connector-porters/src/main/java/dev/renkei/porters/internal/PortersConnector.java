package dev.renkei.porters.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.spi.JobSeekerConnector;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The PORTERS job-seeker source: Persons ({@code /v1/candidate}, aliases {@code Person.}) paged 200 at a time in
 * {@code Person.P_Id} order, each joined with its Resumes ({@code /v1/resume} by {@code Resume.P_Candidate}) for
 * the owners' e-mails; status write-backs to existing records in requests of at most 200 items. Not API.
 */
public final class PortersConnector implements JobSeekerConnector {
    /** Records per page and per write request: HRBC's maximum (its default is 10, so it is always sent). */
    public static final int PAGE = 200;
    /** HRBC date-times: UTC, {@code yyyy/MM/dd HH:mm:ss}. */
    public static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String OWNER = "(User.P_Id,User.P_Name,User.P_Mail)";

    private final HrbcClient client;
    private final String emailField;
    private final List<String> extraFields;
    private final boolean resumes;

    /**
     * @param emailField the Person alias holding the job seeker's e-mail
     * @param extraFields further Person aliases to read into {@link JobSeeker#fields()}
     * @param resumes whether to read each person's resumes (their ids and owners)
     */
    public PortersConnector(HrbcClient client, String emailField, List<String> extraFields, boolean resumes) {
        this.client = client;
        this.emailField = HrbcXml.alias(emailField);
        this.extraFields = extraFields.stream().map(HrbcXml::alias).toList();
        this.resumes = resumes;
    }

    @Override
    public void checkLogin() {
        client.get("candidate", Map.of("count", "1", "start", "0", "field", "Person.P_Id"));
    }

    @Override
    public Stream<JobSeeker> jobSeekers(Filter filter) {
        Map<String, String> params = new LinkedHashMap<>();
        Set<String> fields = new LinkedHashSet<>(List.of("Person.P_Id", "Person.P_Name", emailField,
                "Person.P_Owner" + OWNER, "Person.P_UpdateDate"));
        fields.addAll(extraFields);
        params.put("field", String.join(",", fields));
        String condition = condition(filter, "Person.P_UpdateDate");
        if (!condition.isEmpty()) {
            params.put("condition", condition);
        }
        params.put("order", "Person.P_Id:asc");
        Spliterator<XmlNode> items = new Pages(client, "candidate", params);
        return StreamSupport.stream(items, false).map(this::jobSeeker);
    }

    private static String condition(Filter filter, String updateAlias) {
        List<String> parts = new ArrayList<>();
        filter.conditions().forEach((k, v) -> parts.add(k + "=" + v));
        if (filter.updatedSince() != null) {
            parts.add(updateAlias + ":ge=" + DATE_TIME.format(filter.updatedSince()));
        }
        return String.join(",", parts);
    }

    private JobSeeker jobSeeker(XmlNode item) {
        String id = item.childText("Person.P_Id").orElseThrow(() -> new ConnectorException(ErrorCode.LAYOUT_CHANGED,
                "PORTERS returned a Person without Person.P_Id"));
        Set<String> owners = new LinkedHashSet<>(ownerMails(item, "Person.P_Owner"));
        List<String> resumeIds = new ArrayList<>();
        if (resumes) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("field", "Resume.P_Id,Resume.P_Owner" + OWNER + ",Resume.P_Candidate");
            params.put("condition", "Resume.P_Candidate:eq=" + id);
            params.put("order", "Resume.P_Id:asc");
            StreamSupport.stream(new Pages(client, "resume", params), false).forEach(r -> {
                r.childText("Resume.P_Id").ifPresent(resumeIds::add);
                owners.addAll(ownerMails(r, "Resume.P_Owner"));
            });
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (XmlNode child : item.children()) {
            fields.put(child.name(), value(child));
        }
        String email = item.childText(emailField).orElse(null);
        return new JobSeeker(id, item.childText("Person.P_Name").orElse(null), email, List.copyOf(owners),
                resumeIds, fields);
    }

    private static List<String> ownerMails(XmlNode item, String ownerAlias) {
        return item.child(ownerAlias).map(o -> o.descendants("User.P_Mail").stream().map(XmlNode::text)
                .filter(t -> !t.isBlank()).toList()).orElse(List.of());
    }

    /** A field as text: its own text, the leaf option aliases of an option value, or a nested value's id. */
    static String value(XmlNode field) {
        if (field.children().isEmpty()) {
            return field.text();
        }
        List<String> options = field.descendants("Option.P_Id").isEmpty() ? List.of() : leafOptions(field);
        if (!options.isEmpty()) {
            return String.join(",", options);
        }
        for (XmlNode d : field.children()) {
            for (XmlNode x : d.children()) {
                if (x.name().endsWith(".P_Id")) {
                    return x.text();
                }
            }
        }
        return field.text();
    }

    private static List<String> leafOptions(XmlNode node) {
        List<String> out = new ArrayList<>();
        for (XmlNode c : node.children()) {
            if (c.name().startsWith("Option.") && c.child("Option.P_Id").isPresent()) {
                out.add(c.name());
            } else if (c.name().startsWith("Option.")) {
                out.addAll(leafOptions(c)); // the documented "Option Alias (Root)" wrapper
            }
        }
        return out;
    }

    @Override
    public List<WriteResult> writeBack(List<WriteBack> items) {
        if (items.size() > MAX_WRITE_ITEMS) {
            throw new IllegalArgumentException("at most " + MAX_WRITE_ITEMS + " items per write-back, got "
                    + items.size());
        }
        Map<String, WriteResult> results = new LinkedHashMap<>();
        for (Resource r : Resource.values()) {
            List<WriteBack> mine = items.stream().filter(i -> i.target().resource() == r).toList();
            int from = 0;
            while (from < mine.size()) {
                int to = mine.size();
                while (client.size(endpoint(r), body(r, mine.subList(from, to))) > HrbcClient.MAX_REQUEST_CHARS
                        && to > from + 1) {
                    to = from + (to - from) / 2;
                }
                List<WriteBack> chunk = mine.subList(from, to);
                XmlNode root = client.post(endpoint(r), body(r, chunk));
                List<XmlNode> answers = root.all("Item");
                for (int i = 0; i < chunk.size(); i++) {
                    WriteBack w = chunk.get(i);
                    results.put(key(w), result(w, i < answers.size() ? answers.get(i) : null));
                }
                from = to;
            }
        }
        return items.stream().map(i -> results.get(key(i))).toList();
    }

    private static String key(WriteBack w) {
        return w.target().resource() + ":" + w.recordId();
    }

    private static WriteResult result(WriteBack w, XmlNode answer) {
        if (answer == null) {
            return new WriteResult(w.recordId(), false, "-1", "PORTERS sent no result for this item");
        }
        String code = answer.childText("Code").orElse("-1");
        if (code.equals("0")) {
            return new WriteResult(w.recordId(), true, code, null);
        }
        return new WriteResult(w.recordId(), false, code, "PORTERS refused the item with result code " + code
                + answer.childText("Message").map(m -> " (" + dev.renkei.core.support.Checks.printable(m) + ")")
                .orElse(""));
    }

    private static String endpoint(Resource r) {
        return r == Resource.PERSON ? "candidate" : "resume";
    }

    /** The write body: existing ids only, options as empty leaf elements. */
    static String body(Resource r, List<WriteBack> items) {
        String root = r == Resource.PERSON ? "Candidate" : "Resume";
        String prefix = r == Resource.PERSON ? "Person." : "Resume.";
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><").append(root).append('>');
        for (WriteBack w : items) {
            StatusTarget t = w.target();
            if (!t.field().startsWith(prefix)) {
                throw new IllegalArgumentException("field " + t.field() + " is not a " + prefix + " alias");
            }
            if (!w.recordId().matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException("write-backs go to existing records only; '" + w.recordId()
                        + "' is not an existing id");
            }
            String field = HrbcXml.alias(t.field());
            xml.append("<Item><").append(prefix).append("P_Id>").append(w.recordId()).append("</").append(prefix)
                    .append("P_Id><").append(field).append('>');
            if (t.option()) {
                xml.append('<').append(HrbcXml.alias(t.value())).append("/>");
            } else {
                xml.append(HrbcXml.escape(t.value()));
            }
            xml.append("</").append(field).append("></Item>");
        }
        return xml.append("</").append(root).append('>').toString();
    }

    /** Offset paging: {@code count=200}, {@code start} advancing until it reaches {@code Total}. */
    private static final class Pages extends Spliterators.AbstractSpliterator<XmlNode> {
        private final HrbcClient client;
        private final String resource;
        private final Map<String, String> params;
        private List<XmlNode> page = List.of();
        private int index;
        private int start;
        private int total = -1;

        Pages(HrbcClient client, String resource, Map<String, String> params) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.client = client;
            this.resource = resource;
            this.params = params;
        }

        @Override
        public boolean tryAdvance(Consumer<? super XmlNode> action) {
            if (index >= page.size()) {
                if (total >= 0 && start >= total) {
                    return false;
                }
                Map<String, String> p = new LinkedHashMap<>();
                p.put("count", String.valueOf(PAGE));
                p.put("start", String.valueOf(start));
                p.putAll(params);
                XmlNode root = client.get(resource, p);
                total = Math.max(0, root.intAttribute("Total", 0));
                page = root.all("Item");
                index = 0;
                // a short or empty page before Total means the data moved: stop rather than loop (billed calls)
                start = page.isEmpty() ? total : start + page.size();
                if (page.isEmpty()) {
                    return false;
                }
            }
            action.accept(page.get(index++));
            return true;
        }
    }
}
