package dev.mailvault.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Builds raw RFC 5322 messages for the tests. */
final class TestMessages {

  private TestMessages() {}

  /** A plain text message. */
  static byte[] text(String messageId, String from, String to, String subject, String body) {
    return ("From: "
            + from
            + "\r\n"
            + "To: "
            + to
            + "\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "Date: Mon, 02 Jan 2023 10:00:00 +0000\r\n"
            + "Message-ID: <"
            + messageId
            + ">\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + body.replace("\n", "\r\n")
            + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] text(String messageId) {
    return text(
        messageId,
        "alice@example.org",
        "bob@example.net",
        "Hello " + messageId,
        "Body of " + messageId);
  }

  /** A multipart/mixed message with a text part and a base64 attachment of {@code attachment}. */
  static byte[] withAttachment(String messageId, String subject, String text, byte[] attachment) {
    String boundary = "b0undary-" + messageId.hashCode();
    String encoded =
        Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(attachment);
    return ("From: Alice <alice@example.org>\r\n"
            + "To: bob@example.net\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "Date: Mon, 02 Jan 2023 10:00:00 +0000\r\n"
            + "Message-ID: <"
            + messageId
            + ">\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\""
            + boundary
            + "\"\r\n"
            + "\r\n"
            + "--"
            + boundary
            + "\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + text
            + "\r\n"
            + "--"
            + boundary
            + "\r\n"
            + "Content-Type: application/octet-stream; name=\"data.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"data.bin\"\r\n"
            + "\r\n"
            + encoded
            + "\r\n"
            + "--"
            + boundary
            + "--\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] randomBytes(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Text-like bytes that compress well. */
  static byte[] compressibleBytes(int size) {
    byte[] line =
        "The quick brown fox jumps over the lazy dog; line of compressible text.\n"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = line[i % line.length];
    }
    return bytes;
  }
}
