package dev.mailvault.pop3.codec;

import java.util.Arrays;

/**
 * What TOP sends of a message (RFC 1939 §7): the header, the blank line that ends it, and the first
 * {@code n} lines of the body. Lines are counted as the message is stored, before dot-stuffing, so
 * a body line that begins with a dot is one line. A message without a blank line is all header.
 */
public final class TopLines {

  private TopLines() {}

  /** The octets of {@code message} that TOP {@code n} returns (not yet dot-stuffed). */
  public static byte[] top(byte[] message, int n) {
    int bodyStart = bodyStart(message);
    if (bodyStart < 0) {
      return message.clone();
    }
    int at = bodyStart;
    for (int line = 0; line < n && at < message.length; line++) {
      int lf = indexOfLf(message, at);
      at = lf < 0 ? message.length : lf + 1;
    }
    return Arrays.copyOf(message, at);
  }

  /** Where the body starts: after the first empty line (CRLF CRLF, or bare LF forms), or -1. */
  static int bodyStart(byte[] message) {
    int lineStart = 0;
    while (lineStart < message.length) {
      int lf = indexOfLf(message, lineStart);
      if (lf < 0) {
        return -1;
      }
      int length = lf - lineStart;
      if (length == 0 || length == 1 && message[lineStart] == '\r') {
        return lf + 1;
      }
      lineStart = lf + 1;
    }
    return -1;
  }

  private static int indexOfLf(byte[] message, int from) {
    for (int i = from; i < message.length; i++) {
      if (message[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
