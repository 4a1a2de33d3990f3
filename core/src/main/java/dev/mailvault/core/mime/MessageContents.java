package dev.mailvault.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A message taken apart for a program that wants its pieces decoded rather than its bytes: the
 * header fields with RFC 2047 words decoded, the text and HTML bodies with their transfer encoding
 * (RFC 2045 §6) and charset undone, and every other part as an attachment with its decoded bytes.
 * Webhooks post this (ADR 0245). Uses the same scanner as the store, so it never throws on
 * malformed input.
 *
 * <p>Which part is which: the first inline {@code text/plain} leaf is {@link #text}, the first
 * inline {@code text/html} leaf is {@link #html}; "inline" means no {@code Content-Disposition:
 * attachment} and no file name. Every other leaf, and every attached message ({@code
 * message/rfc822}, kept whole), is an attachment, so no part of the message is left out.
 *
 * @param headers the top-level header fields in order, values unfolded and decoded
 * @param text the plain-text body, if the message has one
 * @param html the HTML body, if the message has one
 * @param attachments the other parts, in message order
 */
public record MessageContents(
    List<Header> headers,
    Optional<String> text,
    Optional<String> html,
    List<Attachment> attachments) {

  public MessageContents {
    headers = List.copyOf(headers);
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    attachments = List.copyOf(attachments);
  }

  /**
   * One header field.
   *
   * @param name the field name as written
   * @param value the value unfolded (RFC 5322 §2.2.3), 8-bit as UTF-8 (RFC 6532) or windows-1252,
   *     encoded words decoded (RFC 2047)
   */
  public record Header(String name, String value) {}

  /**
   * One attached part.
   *
   * @param filename the declared file name (Content-Disposition {@code filename}, else Content-Type
   *     {@code name}; RFC 2231 and RFC 2047 encodings undone), empty when none is declared
   * @param contentType the media type, lower-case, e.g. {@code application/pdf}
   * @param content the part's body with its transfer encoding undone
   */
  public record Attachment(String filename, String contentType, byte[] content) {

    public Attachment {
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
      return "Attachment[" + contentType + ", " + content.length + " octets]";
    }
  }

  /** Takes {@code raw} apart. */
  public static MessageContents of(byte[] raw) {
    PartNode root = StructureScanner.scan(raw);
    List<Header> headers = new ArrayList<>(root.fields.size());
    for (HeaderField f : root.fields) {
      headers.add(new Header(f.name(), TextDecoding.headerText(raw, f.valueStart(), f.valueEnd())));
    }
    Collector collector = new Collector(raw);
    collector.walk(root);
    return new MessageContents(
        headers,
        Optional.ofNullable(collector.text),
        Optional.ofNullable(collector.html),
        collector.attachments);
  }

  @Override
  public String toString() {
    return "MessageContents[" + headers.size() + " fields, " + attachments.size() + " attachments]";
  }

  /** Walks the part tree once, sorting the leaves into bodies and attachments. */
  private static final class Collector {
    private final byte[] raw;
    private final List<Attachment> attachments = new ArrayList<>();
    private String text;
    private String html;

    Collector(byte[] raw) {
      this.raw = raw;
    }

    void walk(PartNode node) {
      if (node.multipart) {
        for (PartNode child : node.children) {
          walk(child);
        }
        return;
      }
      ContentFields c = node.content;
      String filename = filename(c);
      if (node.rfc822) {
        // An attached message goes whole, as its sender wrote it (RFC 2046 §5.2.1).
        attachments.add(
            new Attachment(
                filename, "message/rfc822", Arrays.copyOfRange(raw, node.bodyStart, node.end)));
        return;
      }
      byte[] body = TransferDecoding.decode(raw, node.bodyStart, node.end, c.transferEncoding);
      String type = mediaType(c);
      boolean inline =
          filename.isEmpty()
              && (c.disposition == null || !c.disposition.equalsIgnoreCase("attachment"));
      if (inline && type.equals("text/plain") && text == null) {
        text = TextDecoding.bytesToText(body, 0, body.length, param(c.typeParams, "charset"));
      } else if (inline && type.equals("text/html") && html == null) {
        html = TextDecoding.bytesToText(body, 0, body.length, param(c.typeParams, "charset"));
      } else {
        attachments.add(new Attachment(filename, type, body));
      }
    }

    /** RFC 2045 §5.2: no Content-Type means text/plain; a type without a subtype is unusable. */
    private static String mediaType(ContentFields c) {
      if (c.type == null) {
        return "text/plain";
      }
      if (c.subtype == null || c.subtype.isEmpty()) {
        return "application/octet-stream";
      }
      return (c.type + "/" + c.subtype).toLowerCase(Locale.ROOT);
    }

    private static String filename(ContentFields c) {
      String name = decodedParam(c.dispositionParams, "filename");
      if (name.isEmpty()) {
        name = decodedParam(c.typeParams, "name");
      }
      return name;
    }

    /**
     * A parameter's value as text: the RFC 2231 extended form ({@code name*}) when present, else
     * the plain one, whose RFC 2047 words many mailers use although RFC 2047 §5 forbids them there.
     */
    private static String decodedParam(List<MimeParameters.Param> params, String name) {
      String extended = param(params, name + "*");
      if (extended != null) {
        return rfc2231(extended);
      }
      String plain = param(params, name);
      if (plain == null) {
        return "";
      }
      byte[] bytes = plain.getBytes(StandardCharsets.ISO_8859_1);
      return TextDecoding.headerText(bytes, 0, bytes.length);
    }

    // RFC 2231 §4: charset'language'%-escaped octets.
    private static String rfc2231(String value) {
      int first = value.indexOf('\'');
      int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
      if (second < 0) {
        return value;
      }
      String charsetName = value.substring(0, first);
      ByteArrayOutputStream octets = new ByteArrayOutputStream(value.length());
      for (int i = second + 1; i < value.length(); i++) {
        char ch = value.charAt(i);
        if (ch == '%' && hex(value, i + 1) >= 0) {
          octets.write(hex(value, i + 1));
          i += 2;
        } else {
          octets.write(ch & 0xff);
        }
      }
      byte[] bytes = octets.toByteArray();
      return TextDecoding.bytesToText(bytes, 0, bytes.length, charsetName);
    }

    private static int hex(String s, int at) {
      if (at + 1 >= s.length()) {
        return -1;
      }
      int high = Character.digit(s.charAt(at), 16);
      int low = Character.digit(s.charAt(at + 1), 16);
      return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static String param(List<MimeParameters.Param> params, String name) {
      for (MimeParameters.Param p : params) {
        if (p.name().equalsIgnoreCase(name)) {
          return p.value();
        }
      }
      return null;
    }
  }
}
