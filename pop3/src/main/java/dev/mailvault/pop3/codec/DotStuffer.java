package dev.mailvault.pop3.codec;

import java.util.Arrays;

/**
 * Turns a message into the body of a multi-line response, in as many pieces as the caller reads it
 * (RFC 1939 §3): a line that begins with {@code .} gets one more in front, and the response ends
 * with CRLF {@code .} CRLF. The message's octets are otherwise sent as stored, byte for byte; a
 * message that does not end with a line end gets a CRLF before the terminator, or the client would
 * read the terminator as part of its last line.
 *
 * <p>A line begins at the start of the message and after every LF, so a bare LF in a stored message
 * still cannot make a line the client reads as the end.
 */
public final class DotStuffer {

  private static final byte[] END = {'.', '\r', '\n'};
  private static final byte[] CRLF_END = {'\r', '\n', '.', '\r', '\n'};

  private boolean lineStart = true;

  /** The stuffed form of the next {@code count} octets of the message. */
  public byte[] stuff(byte[] message, int offset, int count) {
    int end = offset + count;
    int dots = 0;
    // One pass for the dots that start a line; most messages have none and are copied whole.
    for (int i = offset; i < end; i++) {
      if (message[i] == '.' && (i == offset ? lineStart : message[i - 1] == '\n')) {
        dots++;
      }
    }
    boolean startsLine = lineStart;
    if (count > 0) {
      lineStart = message[end - 1] == '\n';
    }
    if (dots == 0) {
      return Arrays.copyOfRange(message, offset, end);
    }
    byte[] out = new byte[count + dots];
    int at = 0;
    for (int i = offset; i < end; i++) {
      byte b = message[i];
      if (b == '.' && (i == offset ? startsLine : message[i - 1] == '\n')) {
        out[at++] = '.';
      }
      out[at++] = b;
    }
    return out;
  }

  /** The terminator: {@code .} CRLF after a complete last line, else CRLF first. */
  public byte[] finish() {
    return Arrays.copyOf(lineStart ? END : CRLF_END, lineStart ? END.length : CRLF_END.length);
  }

  /** The whole message at once, terminator included: for short bodies and tests. */
  public static byte[] whole(byte[] message) {
    DotStuffer stuffer = new DotStuffer();
    byte[] body = stuffer.stuff(message, 0, message.length);
    byte[] end = stuffer.finish();
    byte[] out = Arrays.copyOf(body, body.length + end.length);
    System.arraycopy(end, 0, out, body.length, end.length);
    return out;
  }
}
