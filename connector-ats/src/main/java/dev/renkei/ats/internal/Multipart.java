package dev.renkei.ats.internal;

import dev.renkei.core.model.Attachment;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body with one file part. Not API. */
public final class Multipart {
    private final String boundary = "renkei-" + UUID.randomUUID();
    private final byte[] body;

    /** One file in a part named {@code partName}. */
    public Multipart(String partName, Attachment file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String fileName = file.fileName().replace("\"", "'");
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + file.contentType() + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file.content());
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        this.body = out.toByteArray();
    }

    /** The content type header value. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body. */
    public byte[] body() {
        return body.clone();
    }
}
