package dev.mailvault.pop3.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Status lines and short multi-line responses as bytes (RFC 1939 §3). Text is the server's own,
 * never the client's, and must not hold a line end.
 */
public final class Responses {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] END = {'.', '\r', '\n'};

  private Responses() {}

  /** {@code +OK text}. */
  public static byte[] ok(String text) {
    return line("+OK" + (text.isEmpty() ? "" : " " + text));
  }

  /**
   * {@code -ERR [CODE] text}; RFC 2449 §8 response codes, {@code code} null for none.
   *
   * @param code e.g. {@code AUTH}, {@code SYS/TEMP}, {@code IN-USE}
   */
  public static byte[] err(String code, String text) {
    return line("-ERR " + (code == null ? "" : "[" + code + "] ") + text);
  }

  /** RFC 5034 §4: a server challenge; {@code +} and a space, then base64 (empty for PLAIN). */
  public static byte[] challenge(String base64) {
    return line("+ " + base64);
  }

  /**
   * A status line and a multi-line body whose lines are the server's own (CAPA, LIST, UIDL): each
   * line dot-stuffed, then the terminating {@code .} (RFC 1939 §3).
   */
  public static byte[] multiLine(byte[] status, List<String> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(status);
    for (String text : lines) {
      if (text.startsWith(".")) {
        out.write('.');
      }
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(CRLF);
    }
    out.writeBytes(END);
    return out.toByteArray();
  }

  private static byte[] line(String text) {
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a response line holds a line end");
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    out[bytes.length] = '\r';
    out[bytes.length + 1] = '\n';
    return out;
  }
}
