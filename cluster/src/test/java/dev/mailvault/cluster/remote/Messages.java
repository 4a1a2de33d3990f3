package dev.mailvault.cluster.remote;

import java.nio.charset.StandardCharsets;

/** Raw RFC 5322 messages for the tests. */
final class Messages {

  private Messages() {}

  static byte[] text(int n, String subject, String inReplyTo) {
    return ("From: Alice Example <alice@example.org>\r\n"
            + "To: bob@example.net\r\n"
            + "Cc: carol@example.com\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "Date: Mon, 0"
            + (1 + n % 9)
            + " Jan 2023 10:00:00 +0000\r\n"
            + "Message-ID: <m"
            + n
            + "@example.org>\r\n"
            + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\n")
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
            + "\r\n"
            + "--b\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Body number "
            + n
            + " about the lighthouse tender\r\n"
            + "--b\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "aGVsbG8gd29ybGQ=\r\n"
            + "--b--\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
