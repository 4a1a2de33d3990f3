package dev.mailvault.core.mime;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

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
        // The parser's placeholders for missing parts stand for nothing here.
        String mailbox = a.mailbox().equals(AddressParser.MISSING_MAILBOX) ? "" : utf8(a.mailbox());
        boolean noDomain =
            a.domain().isEmpty()
                || a.domain().equals(AddressParser.MISSING_DOMAIN)
                || a.domain().equals(AddressParser.SYNTAX_ERROR);
        one.add(noDomain ? mailbox : mailbox + "@" + utf8(a.domain()));
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
    return parts(mediaType -> true);
  }

  /**
   * The parts whose media type {@code wanted} accepts, in the same order: only those are decoded,
   * so a look at the text parts does not decode a large attachment.
   */
  public List<Part> parts(Predicate<String> wanted) {
    List<Part> out = new ArrayList<>();
    collect(root, out, wanted);
    return out;
  }

  private void collect(PartNode node, List<Part> out, Predicate<String> wanted) {
    if (node.multipart) {
      String mediaType = "multipart/" + subtype(node);
      if (wanted.test(mediaType)) {
        out.add(new Part(mediaType, prologueAndEpilogue(node)));
      }
      for (PartNode child : node.children) {
        collect(child, out, wanted);
      }
      return;
    }
    if (node.message != null) {
      collect(node.message, out, wanted);
      return;
    }
    ContentFields c = node.content;
    String type = c.type == null ? "text" : c.type.toLowerCase(Locale.ROOT);
    String subtype = subtype(node);
    if (!wanted.test(type + "/" + subtype)) {
      return;
    }
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

  private static String subtype(PartNode node) {
    ContentFields c = node.content;
    if (c.subtype == null || c.subtype.isEmpty()) {
      return c.type == null || c.type.equalsIgnoreCase("text") ? "plain" : "unknown";
    }
    return c.subtype.toLowerCase(Locale.ROOT);
  }

  /**
   * RFC 5173 §5.2: a multipart's own text is its prologue and epilogue; the delimiter lines are
   * left out.
   */
  private String prologueAndEpilogue(PartNode node) {
    StringBuilder sb = new StringBuilder();
    int bodyEnd = Math.max(node.bodyStart, end(node));
    if (node.children.isEmpty()) {
      appendLines(sb, node.bodyStart, bodyEnd);
    } else {
      appendLines(sb, node.bodyStart, node.children.get(0).headerStart);
      appendLines(sb, end(node.children.get(node.children.size() - 1)), bodyEnd);
    }
    return sb.toString();
  }

  private void appendLines(StringBuilder sb, int from, int to) {
    if (to <= from) {
      return;
    }
    for (String line : TextDecoding.bytesToText(raw, from, to, null).split("\r?\n")) {
      if (!line.startsWith("--")) {
        sb.append(line).append("\r\n");
      }
    }
  }

  private int end(PartNode node) {
    return node.end < 0 ? raw.length : node.end;
  }

  private static String utf8(String byteString) {
    byte[] bytes = byteString.getBytes(StandardCharsets.ISO_8859_1);
    return TextDecoding.bytesToText(bytes, 0, bytes.length, null);
  }
}
