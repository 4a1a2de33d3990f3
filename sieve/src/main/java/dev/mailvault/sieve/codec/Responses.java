package dev.mailvault.sieve.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ManageSieve responses as bytes (RFC 5804 §1.2, §4): {@code OK}, {@code NO} and {@code BYE} with
 * an optional response code and a human-readable string, capability lines, script listings and
 * script text. A string goes quoted when it can and as a literal otherwise (line ends, long text).
 */
public final class Responses {

  private static final byte[] CRLF = {'\r', '\n'};

  private Responses() {}

  /** {@code OK [(CODE)] ["text"]}; {@code code} is the code as written, or null. */
  public static byte[] ok(String code, String text) {
    return status("OK", code, text);
  }

  /** {@code NO [(CODE)] "text"} (RFC 5804 §1.3 codes). */
  public static byte[] no(String code, String text) {
    return status("NO", code, text);
  }

  /** {@code BYE [(CODE)] "text"}: the server closes the connection after it. */
  public static byte[] bye(String code, String text) {
    return status("BYE", code, text);
  }

  /** A challenge of a SASL exchange (RFC 5804 §2.1): one string, base64 (empty for PLAIN). */
  public static byte[] challenge(String base64) {
    return line(string(base64));
  }

  /**
   * Capability lines (RFC 5804 §1.7), each a name and, when the entry has one, its value: an entry
   * is {@code NAME} or {@code NAME value}, split at the first space.
   */
  public static byte[] capabilities(List<String> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String entry : entries) {
      int space = entry.indexOf(' ');
      String name = space < 0 ? entry : entry.substring(0, space);
      out.writeBytes(
          line(space < 0 ? string(name) : string(name) + " " + string(entry.substring(space + 1))));
    }
    return out.toByteArray();
  }

  /** One LISTSCRIPTS line (RFC 5804 §2.7): the name, then {@code ACTIVE} for the active one. */
  public static byte[] listed(String name, boolean active) {
    return line(string(name) + (active ? " ACTIVE" : ""));
  }

  /** GETSCRIPT's answer before its OK (RFC 5804 §2.9): the script as a literal, then CRLF. */
  public static byte[] script(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(literal(text.getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(CRLF);
    return out.toByteArray();
  }

  /**
   * RFC 5804 §4 string: quoted when short and free of line ends, NUL and non-ASCII-safe bytes;
   * otherwise a literal {@code {n}} CRLF octets.
   */
  public static String string(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= CommandParser.MAX_QUOTED
        && value.indexOf('\r') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\0') < 0) {
      return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return "{" + bytes.length + "}\r\n" + value;
  }

  private static byte[] literal(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("{" + bytes.length + "}").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(CRLF);
    out.writeBytes(bytes);
    return out.toByteArray();
  }

  private static byte[] status(String word, String code, String text) {
    StringBuilder line = new StringBuilder(word);
    if (code != null) {
      line.append(" (").append(code).append(')');
    }
    if (text != null) {
      line.append(' ').append(string(text));
    }
    return line(line.toString());
  }

  private static byte[] line(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    out[bytes.length] = '\r';
    out[bytes.length + 1] = '\n';
    return out;
  }
}
