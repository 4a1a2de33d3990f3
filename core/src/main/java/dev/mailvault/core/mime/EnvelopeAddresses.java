package dev.mailvault.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the first address of an address field back out of a stored ENVELOPE string (RFC 9051
 * §7.5.2, as {@link ParsedMessage#envelope()} wrote it), decoded for people: SORT FROM/TO/CC (RFC
 * 5256 §3) and DISPLAYFROM/DISPLAYTO (RFC 5957) compare it. The ENVELOPE keeps group markers and
 * display names that the summary columns drop, and every stored message has one, so the sort keys
 * of messages stored before them can be computed without reading their content.
 */
public final class EnvelopeAddresses {

  /** The address fields of an ENVELOPE, by their position in it. */
  public enum Field {
    FROM(2),
    TO(5),
    CC(6);

    private final int position;

    Field(int position) {
      this.position = position;
    }
  }

  /**
   * The first entry of an address list.
   *
   * @param name the display name, RFC 2047 words decoded, or null when there is none (and for a
   *     group)
   * @param mailbox the local part, or a group's name
   * @param host the domain, or null for a group
   */
  public record First(String name, String mailbox, String host) {

    /** RFC 5957 §3: the display name, or when it is empty the addr-spec (a group: its name). */
    public String display() {
      if (name != null && !name.isBlank()) {
        return name;
      }
      return host == null ? mailbox : mailbox + "@" + host;
    }
  }

  private final String envelope;
  private int pos;

  private EnvelopeAddresses(String envelope) {
    this.envelope = envelope;
  }

  /** The first entry of {@code field}, or empty when the field is absent or unreadable. */
  public static Optional<First> first(String envelope, Field field) {
    if (envelope == null || envelope.isEmpty()) {
      return Optional.empty();
    }
    try {
      return new EnvelopeAddresses(envelope).read(field.position);
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private Optional<First> read(int position) {
    expect('(');
    for (int i = 0; i < position; i++) {
      skipValue();
    }
    space();
    if (envelope.startsWith("NIL", pos)) {
      return Optional.empty();
    }
    expect('(');
    expect('(');
    String name = nstring();
    space();
    nstring();
    space();
    String mailbox = nstring();
    space();
    String host = nstring();
    return Optional.of(
        new First(
            name == null ? null : decodedName(name),
            mailbox == null ? "" : text(mailbox),
            host == null ? null : text(host)));
  }

  private void skipValue() {
    space();
    char c = envelope.charAt(pos);
    if (c == '(') {
      pos++;
      while (true) {
        space();
        if (envelope.charAt(pos) == ')') {
          pos++;
          return;
        }
        skipValue();
      }
    }
    nstring();
  }

  private String nstring() {
    space();
    char c = envelope.charAt(pos);
    if (c == '"') {
      StringBuilder out = new StringBuilder();
      pos++;
      while (true) {
        char d = envelope.charAt(pos++);
        if (d == '"') {
          return out.toString();
        }
        out.append(d == '\\' ? envelope.charAt(pos++) : d);
      }
    }
    if (c == '{') {
      int close = envelope.indexOf('}', pos);
      int length = Integer.parseInt(envelope.substring(pos + 1, close));
      int start = close + 3; // "}\r\n"
      pos = start + length;
      return envelope.substring(start, pos);
    }
    if (envelope.startsWith("NIL", pos)) {
      pos += 3;
      return null;
    }
    throw new IllegalStateException("not an nstring");
  }

  private void space() {
    while (pos < envelope.length() && envelope.charAt(pos) == ' ') {
      pos++;
    }
  }

  private void expect(char c) {
    space();
    if (envelope.charAt(pos) != c) {
      throw new IllegalStateException("expected " + c);
    }
    pos++;
  }

  /** A byte string (one char per octet) as text: UTF-8, or windows-1252 when it is not. */
  private static String text(String octets) {
    byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
    return TextDecoding.bytesToText(bytes, 0, bytes.length, null);
  }

  private static String decodedName(String octets) {
    byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
    return TextDecoding.headerText(bytes, 0, bytes.length);
  }
}
