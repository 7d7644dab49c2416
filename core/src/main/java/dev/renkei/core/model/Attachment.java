package dev.renkei.core.model;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import java.util.Arrays;

/**
 * A file attached to an application, typically a résumé (履歴書) or work history (職務経歴書).
 *
 * @param fileName the file name as the board gave it (one line, no path)
 * @param contentType MIME type, e.g. {@code application/pdf}
 * @param content the bytes (copied)
 */
public record Attachment(String fileName, String contentType, byte[] content) {
    /** Validates and copies. */
    public Attachment {
        fileName = Checks.singleLine(Checks.notBlank(fileName, "attachment file name"), "attachment file name");
        if (fileName.contains("/") || fileName.contains("\\")) {
            throw new ValidationException("attachment file name must not contain a path: " + Checks.printable(fileName));
        }
        contentType = Checks.singleLine(contentType == null || contentType.isBlank()
                ? "application/octet-stream" : contentType.strip(), "attachment content type");
        Checks.notNull(content, "attachment content");
        content = content.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The size in bytes. */
    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && a.fileName.equals(fileName) && a.contentType.equals(contentType)
                && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return fileName.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + contentType + ", " + content.length + " bytes]";
    }
}
