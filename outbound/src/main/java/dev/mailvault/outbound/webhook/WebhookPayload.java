package dev.mailvault.outbound.webhook;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mailvault.core.mime.MessageContents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The JSON body of a webhook post (ADR 0245; docs/webhooks.md is the receivers' reference):
 *
 * <pre>{@code
 * {"id": "<queueId>-<targetId>",
 *  "envelope": {"mailFrom": "...", "rcptTo": "...", "alias": "..."},
 *  "headers": [{"name": "Subject", "value": "..."}, ...],
 *  "text": "..." or null, "html": "..." or null,
 *  "attachments": [{"filename": "...", "contentType": "...", "size": 123, "content": "<base64>"}],
 *  "raw": "<base64>"}
 * }</pre>
 *
 * Base64 is RFC 4648 §4 with padding and no line breaks. Fields come in this order always, so the
 * same message gives the same bytes on every retry.
 */
final class WebhookPayload {

  private static final JsonFactory JSON = new JsonFactory();

  private WebhookPayload() {}

  /**
   * @param id the post's Idempotency-Key
   * @param mailFrom the envelope sender, empty for a null reverse-path
   * @param rcptTo the address the message was sent to
   * @param alias the alias whose target this is
   * @param raw the message as received
   * @return the JSON, or empty when it would pass {@code maxBytes}
   */
  static Optional<byte[]> build(
      String id, String mailFrom, String rcptTo, String alias, byte[] raw, int maxBytes) {
    // Base64 alone makes the raw copy 4/3 as long: a message that cannot fit is not parsed.
    if ((long) raw.length * 4 / 3 > maxBytes) {
      return Optional.empty();
    }
    MessageContents contents = MessageContents.of(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 3 + 1024);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeObjectFieldStart("envelope");
      json.writeStringField("mailFrom", mailFrom);
      json.writeStringField("rcptTo", rcptTo);
      json.writeStringField("alias", alias);
      json.writeEndObject();
      json.writeArrayFieldStart("headers");
      for (MessageContents.Header header : contents.headers()) {
        json.writeStartObject();
        json.writeStringField("name", header.name());
        json.writeStringField("value", header.value());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("text", contents.text().orElse(null));
      json.writeStringField("html", contents.html().orElse(null));
      json.writeArrayFieldStart("attachments");
      for (MessageContents.Attachment attachment : contents.attachments()) {
        json.writeStartObject();
        json.writeStringField("filename", attachment.filename());
        json.writeStringField("contentType", attachment.contentType());
        json.writeNumberField("size", attachment.content().length);
        json.writeFieldName("content");
        json.writeBinary(attachment.content());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeFieldName("raw");
      json.writeBinary(raw);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail", e);
    }
    return out.size() > maxBytes ? Optional.empty() : Optional.of(out.toByteArray());
  }
}
