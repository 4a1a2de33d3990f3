package dev.mailvault.imap.codec;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds response lines from the grammar's pieces (RFC 9051 §9): atoms, numbers, astrings,
 * nstrings, quoted strings or literals (chosen by content), parenthesised lists. Handlers compose
 * FETCH, LIST, STATUS and other data responses with it; the choice between quoted and literal lives
 * here, once.
 */
public final class ResponseWriter {

  /** Longer strings go as literals, so no quoted string grows without bound. */
  static final int MAX_QUOTED = 1024;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final boolean utf8;

  /**
   * @param utf8 whether the session accepts UTF-8 in quoted strings and mailbox names (IMAP4rev2 or
   *     UTF8=ACCEPT); otherwise 8-bit text goes as a literal and names as modified UTF-7
   */
  public ResponseWriter(boolean utf8) {
    this.utf8 = utf8;
  }

  /** Starts an untagged response: {@code * }. */
  public ResponseWriter untagged() {
    return raw("* ");
  }

  public ResponseWriter sp() {
    out.write(' ');
    return this;
  }

  /** An atom written as is (command names, flags, response keywords). */
  public ResponseWriter atom(String atom) {
    return raw(atom);
  }

  public ResponseWriter number(long value) {
    return raw(Long.toString(value));
  }

  public ResponseWriter nil() {
    return raw("NIL");
  }

  public ResponseWriter open() {
    out.write('(');
    return this;
  }

  public ResponseWriter close() {
    out.write(')');
    return this;
  }

  /** astring: a bare atom when that is unambiguous, else a string. */
  public ResponseWriter astring(String value) {
    if (!value.isEmpty() && !value.equalsIgnoreCase("NIL") && allAstringChars(value)) {
      return raw(value);
    }
    return string(value);
  }

  /** nstring: NIL for {@code null}. */
  public ResponseWriter nstring(String value) {
    return value == null ? nil() : string(value);
  }

  /** A string: quoted when it can be (RFC 9051 §4.3), else a literal. */
  public ResponseWriter string(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_QUOTED && quotable(bytes)) {
      out.write('"');
      for (byte b : bytes) {
        if (b == '"' || b == '\\') {
          out.write('\\');
        }
        out.write(b);
      }
      out.write('"');
      return this;
    }
    return literal(bytes);
  }

  /**
   * IMAP data rendered ahead of time as a byte string, one char per byte (ISO-8859-1), such as the
   * ENVELOPE and BODYSTRUCTURE kept with a message: written byte for byte, literals included.
   */
  public ResponseWriter data(String byteString) {
    byte[] bytes = byteString.getBytes(StandardCharsets.ISO_8859_1);
    out.write(bytes, 0, bytes.length);
    return this;
  }

  /** Bytes already in wire form, such as a whole response built by another writer. */
  public ResponseWriter append(byte[] wire) {
    out.write(wire, 0, wire.length);
    return this;
  }

  /** {@code {N}CRLF} and the bytes (RFC 9051 §4.3). */
  public ResponseWriter literal(byte[] bytes) {
    raw("{" + bytes.length + "}\r\n");
    out.write(bytes, 0, bytes.length);
    return this;
  }

  /** {@code ~{N}CRLF} and the bytes, for BINARY[] with NUL (RFC 3516 §4.2). */
  public ResponseWriter literal8(byte[] bytes) {
    raw("~{" + bytes.length + "}\r\n");
    out.write(bytes, 0, bytes.length);
    return this;
  }

  /** A mailbox name: modified UTF-7 for rev1 sessions (RFC 3501 §5.1.3), else UTF-8. */
  public ResponseWriter mailbox(String name) {
    return astring(utf8 ? name : ModifiedUtf7.encode(name));
  }

  /** A flag list: {@code (\Seen $Junk)}. */
  public ResponseWriter flags(Flags flags) {
    return flags(flags, false);
  }

  /**
   * A flag list, with {@code \Recent} first when {@code recent}: a session flag of IMAP4rev1 (RFC
   * 3501 §2.3.2) that the store does not keep.
   */
  public ResponseWriter flags(Flags flags, boolean recent) {
    open();
    boolean first = true;
    if (recent) {
      raw("\\Recent");
      first = false;
    }
    for (SystemFlag flag : flags.system()) {
      if (!first) {
        sp();
      }
      raw(flag.imapName());
      first = false;
    }
    for (String keyword : flags.keywords()) {
      if (!first) {
        sp();
      }
      raw(keyword);
      first = false;
    }
    return close();
  }

  /** Ends the line with CRLF. */
  public ResponseWriter crlf() {
    return raw("\r\n");
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }

  private ResponseWriter raw(String ascii) {
    byte[] bytes = ascii.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    return this;
  }

  private boolean quotable(byte[] bytes) {
    for (byte b : bytes) {
      // RFC 9051 §9: QUOTED-CHAR excludes CR, LF, NUL; 8-bit only as UTF-8 in rev2/UTF8=ACCEPT.
      if (b == '\r' || b == '\n' || b == 0 || (b < 0 && !utf8)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allAstringChars(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!ImapChars.isAstringChar(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
