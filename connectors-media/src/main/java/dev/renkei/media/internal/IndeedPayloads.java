package dev.renkei.media.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.support.ControlCharacters;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads Indeed Apply JSON tolerantly: unknown fields are ignored, missing ones are empty. Not API.
 */
public final class IndeedPayloads {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final System.Logger LOG = System.getLogger(IndeedPayloads.class.getName());

    private IndeedPayloads() {}

    /** Parses a body; empty when it is not a JSON object. */
    public static Optional<JsonNode> parse(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** A text value at a path of field names, empty when missing, null or blank. */
    public static Optional<String> text(JsonNode root, String... path) {
        JsonNode n = root;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        if (n == null || n.isNull() || n.isContainerNode()) {
            return Optional.empty();
        }
        String s = n.asText().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** {@code appliedOnMillis}, when present and numeric. */
    public static Optional<Instant> appliedOn(JsonNode root) {
        JsonNode n = root.get("appliedOnMillis");
        if (n == null || !(n.isNumber() || n.isTextual() && n.asText().matches("\\d{1,15}"))) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(n.asLong()));
    }

    /** The applicant for a stored delivery. */
    public static Applicant toApplicant(String applicationId, Instant appliedAt, String payload) {
        JsonNode root = parse(payload).orElseGet(JSON::createObjectNode);
        Applicant.Builder b = Applicant.builder(applicationId, appliedAt)
                .name(oneLine(text(root, "applicant", "fullName")))
                .email(oneLine(text(root, "applicant", "email")))
                .phone(oneLine(text(root, "applicant", "phoneNumber")))
                .appliedJob(oneLine(text(root, "job", "jobTitle")));
        text(root, "job", "jobId").ifPresent(v -> b.field("jobId", v));
        text(root, "job", "jobCompanyName").ifPresent(v -> b.field("jobCompanyName", v));
        text(root, "job", "jobLocation").ifPresent(v -> b.field("jobLocation", v));
        text(root, "job", "jobUrl").ifPresent(v -> b.field("jobUrl", v));
        text(root, "applicant", "coverletter").ifPresent(v -> b.field("coverLetter", v));
        text(root, "locale").ifPresent(v -> b.field("locale", v));
        JsonNode qa = root.get("questionsAndAnswers");
        if (qa != null && !qa.isNull() && !qa.isMissingNode()) {
            b.field("questionsAndAnswers", qa.toString());
        }
        JsonNode file = root.path("applicant").path("resume").path("file");
        Optional<String> data = text(file, "data");
        if (data.isPresent()) {
            try {
                byte[] bytes = Base64.getMimeDecoder().decode(data.get());
                String name = text(file, "fileName").map(IndeedPayloads::safeName).orElse("resume");
                b.attachment(new Attachment(name, text(file, "contentType").orElse(null), bytes));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "Indeed application " + applicationId
                        + ": the résumé file could not be decoded and is left out");
            }
        }
        return b.build();
    }

    private static String oneLine(Optional<String> v) {
        return v.map(s -> ControlCharacters.replaceRuns(s, " ").strip()).orElse(null);
    }

    private static String safeName(String name) {
        String n = ControlCharacters.replace(name.replaceAll("[\\\\/]", "_"), "").strip();
        return n.isEmpty() ? "resume" : n;
    }
}
