package dev.mailvault.server.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Messages with distinctive words, so a byte scan can look for them. */
final class TestMail {

  private TestMail() {}

  static byte[] text(String from, String to, String subject, String body) {
    String message =
        "From: Sender <"
            + from
            + ">\r\n"
            + "To: <"
            + to
            + ">\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <"
            + Integer.toHexString(subject.hashCode())
            + "@sender.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + body
            + "\r\n";
    return message.getBytes(StandardCharsets.UTF_8);
  }

  /** A multipart message whose text part holds {@code body} and whose attachment is large. */
  static byte[] withAttachment(
      String from, String to, String subject, String body, int attachmentBytes, long seed) {
    byte[] payload = new byte[attachmentBytes];
    new Random(seed).nextBytes(payload);
    String b64 =
        Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(payload);
    String message =
        "From: <"
            + from
            + ">\r\n"
            + "To: <"
            + to
            + ">\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + body
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: application/octet-stream; name=\"data.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + b64
            + "\r\n"
            + "--b1--\r\n";
    return message.getBytes(StandardCharsets.US_ASCII);
  }
}
