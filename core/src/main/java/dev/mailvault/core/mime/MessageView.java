package dev.mailvault.core.mime;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message in memory read for a mail filter (Sieve at delivery): decoded header values, the
 * addresses of an address header, the body raw or as decoded text parts. Parsed once when built;
 * each question re-reads only the fields it asks about. Never throws on malformed input.
 */
public final class MessageView {

  /**
   * One leaf part of the body, decoded (RFC 5173 §5.2).
   *
   * @param mediaType the media type and subtype, lower-case ({@code text/plain})
   * @param text the body decoded from its transfer encoding and, for text parts, its charset
   */
  public record Part(String mediaType, String text) {}

  private final byte[] raw;
  private final PartNode root;

  private MessageView(byte[] raw) {
    this.raw = raw;
    this.root = StructureScanner.scan(raw);
  }

  /** Reads {@code raw}, which the caller keeps unchanged while the view is used. */
  public static MessageView of(byte[] raw) {
    return new MessageView(raw);
  }

  /** The size of the message in octets. */
  public long size() {
    return raw.length;
  }

  /**
   * The values of the top-level fields named {@code name} (case-insensitive), in order: unfolded,
   * RFC 2047 encoded words decoded, 8-bit bytes read as UTF-8 (RFC 6532) or windows-1252.
   */
  public List<String> headers(String name) {
    List<String> out = new ArrayList<>();
    for (HeaderField f : root.fields) {
      if (f.is(name) && f.valueStart() <= f.valueEnd()) {
        out.add(TextDecoding.headerText(raw, f.valueStart(), f.valueEnd()));
      }
    }
    return out;
  }

  /**
   * The addresses ({@code local@domain}) of each top-level field named {@code name}, one list per
   * field in order; group names are left out (RFC 5322 §3.4).
   */
  public List<List<String>> addresses(String name) {
    List<List<String>> out = new ArrayList<>();
    for (HeaderField f : root.fields) {
      if (!f.is(name) || f.valueStart() > f.valueEnd()) {
        continue;
      }
      List<String> one = new ArrayList<>();
      for (Address a : AddressParser.parse(raw, f.valueStart(), f.valueEnd())) {
        if (a.isGroupMarker() || a.mailbox() == null) {
          continue;
        }
        String mailbox = utf8(a.mailbox());
        one.add(a.domain().isEmpty() ? mailbox : mailbox + "@" + utf8(a.domain()));
      }
      out.add(one);
    }
    return out;
  }

  /** A Date-like value with the zone it was written in, or null when it cannot be read. */
  public static OffsetDateTime date(String value) {
    return MessageDates.parseWritten(value);
  }

  /** The top-level body as received, undecoded, read as UTF-8 or windows-1252. */
  public String rawBody() {
    return TextDecoding.bytesToText(raw, root.bodyStart, Math.max(root.bodyStart, end(root)), null);
  }

  /** The leaf parts of the message, depth first, each decoded (RFC 5173 §5.2). */
  public List<Part> parts() {
    List<Part> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private void collect(PartNode node, List<Part> out) {
    if (node.multipart) {
      for (PartNode child : node.children) {
        collect(child, out);
      }
      return;
    }
    if (node.message != null) {
      collect(node.message, out);
      return;
    }
    ContentFields c = node.content;
    String type = c.type == null ? "text" : c.type.toLowerCase(Locale.ROOT);
    String subtype =
        c.subtype == null || c.subtype.isEmpty()
            ? "text".equals(type) ? "plain" : "unknown"
            : c.subtype.toLowerCase(Locale.ROOT);
    int from = node.bodyStart;
    int to = Math.max(from, end(node));
    byte[] decoded = TransferDecoding.decode(raw, from, to, c.transferEncoding);
    String charset = null;
    for (MimeParameters.Param p : c.typeParams) {
      if (p.name().equalsIgnoreCase("charset")) {
        charset = p.value();
      }
    }
    String text = TextDecoding.bytesToText(decoded, 0, decoded.length, charset);
    out.add(new Part(type + "/" + subtype, text));
  }

  private int end(PartNode node) {
    return node.end < 0 ? raw.length : node.end;
  }

  private static String utf8(String byteString) {
    byte[] bytes = byteString.getBytes(StandardCharsets.ISO_8859_1);
    return TextDecoding.bytesToText(bytes, 0, bytes.length, null);
  }
}
