package dev.mailvault.imap.codec;

import dev.mailvault.imap.codec.ImapResponse.Continuation;
import dev.mailvault.imap.codec.ImapResponse.Status;
import java.nio.charset.StandardCharsets;

/** Encodes status and continuation responses (RFC 9051 §7.1, §7.5) as bytes ending in CRLF. */
public final class ResponseEncoder {

  public byte[] encode(ImapResponse response) {
    StringBuilder line = new StringBuilder(64);
    if (response instanceof Status status) {
      line.append(status.tag() == null ? "*" : status.tag()).append(' ');
      line.append(status.condition().name()).append(' ');
      if (status.code() != null) {
        line.append('[').append(status.code().name());
        if (status.code().arguments() != null && !status.code().arguments().isEmpty()) {
          line.append(' ').append(status.code().arguments());
        }
        line.append("] ");
      }
      line.append(text(status.text()));
    } else if (response instanceof Continuation continuation) {
      // RFC 9051 §7.5: "+" SP (resp-text / base64); the space stays even with no text.
      line.append("+ ").append(text(continuation.text()));
    }
    line.append("\r\n");
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * RFC 9051 §9: text = 1*TEXT-CHAR, no CR or LF. A line break in a message would let its remainder
   * pass for a response of its own, so it becomes a space.
   */
  private static String text(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder safe = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      safe.append(c == '\r' || c == '\n' || c == 0 ? ' ' : c);
    }
    return safe.toString();
  }
}
