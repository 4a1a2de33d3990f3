package dev.mailvault.outbound.delivery;

import java.io.ByteArrayOutputStream;

/**
 * The message as DATA sends it (RFC 5321 §4.5.2): every line ending CRLF, a line that starts with a
 * period given one more, and the terminating {@code CRLF.CRLF}. No I/O, so it is tested alone.
 */
final class DotStuffing {

  private DotStuffing() {}

  static byte[] stuff(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 64 + 8);
    boolean lineStart = true;
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (lineStart && b == '.') {
        out.write('.');
      }
      if (b == '\n') {
        // RFC 5321 §2.3.8: a bare LF becomes CRLF rather than a line end the peer may not see.
        if (i == 0 || raw[i - 1] != '\r') {
          out.write('\r');
        }
        out.write('\n');
        lineStart = true;
        continue;
      }
      if (b == '\r' && (i + 1 == raw.length || raw[i + 1] != '\n')) {
        // A bare CR likewise (RFC 5321 §2.3.8; the SMTP smuggling of ADR 0101 relies on them).
        out.write('\r');
        out.write('\n');
        lineStart = true;
        continue;
      }
      out.write(b);
      lineStart = false;
    }
    if (!lineStart) {
      out.write('\r');
      out.write('\n');
    }
    out.write('.');
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }
}
