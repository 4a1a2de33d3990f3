package dev.mailvault.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply: a three-digit code, an enhanced status code (RFC 3463, sent as RFC 2034
 * ENHANCEDSTATUSCODES asks) and one or more lines of text.
 *
 * @param code the basic reply code, 200-599 (RFC 5321 §4.2)
 * @param enhanced the enhanced status code such as {@code 5.1.1}, or null for replies RFC 2034 §3
 *     exempts (220 greeting, EHLO/HELO answers)
 * @param lines the text, one entry per reply line; never empty
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

  public SmtpReply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("an SMTP reply code is 2xx-5xx");
    }
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
  }

  public static SmtpReply of(int code, String enhanced, String text) {
    return new SmtpReply(code, enhanced, List.of(text));
  }

  /** True for 4xx and 5xx. */
  public boolean isFailure() {
    return code >= 400;
  }

  /**
   * The reply on the wire: {@code 250-first} for every line but the last, {@code 250 last} for the
   * last (RFC 5321 §4.2.1), each with the enhanced code after the basic one (RFC 2034 §4).
   */
  public byte[] encode() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
      if (enhanced != null) {
        out.append(enhanced).append(' ');
      }
      out.append(lines.get(i)).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return new String(encode(), StandardCharsets.UTF_8).trim();
  }
}
