package dev.mailvault.imap.clients;

import java.nio.charset.StandardCharsets;

/** Raw messages (CRLF line ends) the client tests append and expect back byte for byte. */
final class TestMessages {

  static final String ATTACHMENT_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  private TestMessages() {}

  /** A plain text message with the given subject and body line. */
  static String plain(String subject, String body) {
    return "From: Alice Example <alice@example.org>\r\n"
        + "To: hello@example.com\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "Date: Tue, 04 Mar 2025 10:15:00 +0100\r\n"
        + "Message-ID: <"
        + Integer.toHexString(subject.hashCode())
        + "@example.org>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "\r\n"
        + body
        + "\r\n";
  }

  /** multipart/mixed: a multipart/alternative (text and HTML) and a base64 PNG attachment. */
  static final String MULTIPART =
      "From: Bob Sender <bob@example.net>\r\n"
          + "To: Hello <hello@example.com>, carol@example.org\r\n"
          + "Cc: dave@example.org\r\n"
          + "Subject: Quarterly report\r\n"
          + "Date: Wed, 05 Mar 2025 08:30:00 +0000\r\n"
          + "Message-ID: <report-2025@example.net>\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
          + "\r\n"
          + "This is a multi-part message in MIME format.\r\n"
          + "--outer\r\n"
          + "Content-Type: multipart/alternative; boundary=\"inner\"\r\n"
          + "\r\n"
          + "--inner\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "Content-Transfer-Encoding: 8bit\r\n"
          + "\r\n"
          + "Numbers are up: caf\u00e9 sales +12%.\r\n"
          + "--inner\r\n"
          + "Content-Type: text/html; charset=utf-8\r\n"
          + "\r\n"
          + "<p>Numbers are up.</p>\r\n"
          + "--inner--\r\n"
          + "\r\n"
          + "--outer\r\n"
          + "Content-Type: image/png; name=\"dot.png\"\r\n"
          + "Content-Disposition: attachment; filename=\"dot.png\"\r\n"
          + "Content-Transfer-Encoding: base64\r\n"
          + "\r\n"
          + ATTACHMENT_BASE64
          + "\r\n"
          + "--outer--\r\n";

  static byte[] bytes(String message) {
    return message.getBytes(StandardCharsets.UTF_8);
  }
}
