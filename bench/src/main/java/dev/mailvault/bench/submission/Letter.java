package dev.mailvault.bench.submission;

import java.nio.charset.StandardCharsets;

/** The benchmark's message: plain text of a given size, with its own Message-ID. */
final class Letter {

  private static final String LINE =
      "The quick brown fox jumps over the lazy dog, and the outbound queue keeps it sealed.\r\n";

  private Letter() {}

  static byte[] of(int n, String from, String to, int size) {
    StringBuilder text =
        new StringBuilder()
            .append("From: <")
            .append(from)
            .append(">\r\nTo: <")
            .append(to)
            .append(">\r\nSubject: submission benchmark ")
            .append(n)
            .append("\r\nMessage-ID: <bench-")
            .append(n)
            .append("@submission.test>\r\nDate: Sat, 05 Dec 2026 12:00:00 +0000\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
    while (text.length() + LINE.length() <= size) {
      text.append(LINE);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
