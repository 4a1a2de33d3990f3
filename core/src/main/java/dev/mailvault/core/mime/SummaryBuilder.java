package dev.mailvault.core.mime;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Builds the {@link MessageSummary} of a scanned message: decoded header values (RFC 2047, RFC
 * 6532) and the decoded text of its text parts (RFC 2045 §6 transfer encodings, charsets) for
 * search and the RFC 8970 preview.
 */
final class SummaryBuilder {

  static final int PREVIEW_LENGTH = 256;
  static final int MAX_TEXT = 1 << 20;

  /** How {@link AddressParser} writes a NUL: U+FFFD in UTF-8, one char per octet. */
  private static final String NUL_AS_UTF8_REPLACEMENT = "\u00ef\u00bf\u00bd";

  private final byte[] raw;
  private final StringBuilder text = new StringBuilder();
  private String preview;
  private String htmlPreview;

  private SummaryBuilder(byte[] raw) {
    this.raw = raw;
  }

  static MessageSummary build(byte[] raw, PartNode root) {
    return new SummaryBuilder(raw).summarize(root);
  }

  private MessageSummary summarize(PartNode root) {
    String subject = "";
    String date = null;
    String messageId = "";
    String inReplyTo = "";
    String references = "";
    List<Address> from = List.of();
    List<Address> to = List.of();
    List<Address> cc = List.of();
    for (HeaderField f : root.fields) {
      switch (f.name().toLowerCase(Locale.ROOT)) {
        case "subject" -> subject = TextDecoding.headerText(raw, f.valueStart(), f.valueEnd());
        case "date" -> date = plain(f);
        case "message-id" -> messageId = plain(f);
        case "in-reply-to" -> inReplyTo = plain(f);
        case "references" -> references = plain(f).replaceAll("\\s+", " ");
        case "from" -> from = concat(from, f);
        case "to" -> to = concat(to, f);
        case "cc" -> cc = concat(cc, f);
        default -> {
          // not summarized
        }
      }
    }
    collectText(root);
    String firstFrom = "";
    String fromName = "";
    for (Address a : from) {
      if (!a.isGroupMarker()) {
        firstFrom = mailAddress(a);
        fromName = a.name() == null ? "" : decodeWords(a.name());
        break;
      }
    }
    java.time.OffsetDateTime written = MessageDates.parseWritten(date);
    String shownPreview = preview != null ? preview : htmlPreview != null ? htmlPreview : "";
    return new MessageSummary(
        subject,
        firstFrom,
        fromName,
        addressList(to),
        addressList(cc),
        written == null ? null : written.toInstant(),
        written == null ? null : written.toLocalDate(),
        messageId,
        inReplyTo,
        references,
        shownPreview,
        text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString());
  }

  private String plain(HeaderField f) {
    String s = TextDecoding.bytesToText(raw, f.valueStart(), f.valueEnd(), null);
    return s.replace("\r", "").replace("\n", "").strip();
  }

  private List<Address> concat(List<Address> list, HeaderField f) {
    List<Address> parsed = AddressParser.parse(raw, f.valueStart(), f.valueEnd());
    if (list.isEmpty()) {
      return parsed;
    }
    List<Address> joined = new java.util.ArrayList<>(list);
    joined.addAll(parsed);
    return joined;
  }

  private static String addressList(List<Address> list) {
    StringJoiner joiner = new StringJoiner(",");
    for (Address a : list) {
      if (!a.isGroupMarker()) {
        joiner.add(mailAddress(a));
      }
    }
    return joiner.toString();
  }

  private static String mailAddress(Address a) {
    String local = latin1ToText(a.mailbox());
    String domain = a.domain();
    if (domain.equals(AddressParser.MISSING_DOMAIN) || domain.equals(AddressParser.SYNTAX_ERROR)) {
      return local;
    }
    return local + "@" + latin1ToText(domain).toLowerCase(Locale.ROOT);
  }

  private static String decodeWords(String latin1) {
    // The address lexer wrote each NUL as U+FFFD in UTF-8 (three octets, as IMAP sends it). Back to
    // one octet before decoding, or the windows-1252 fallback for a name that is not UTF-8 turns it
    // into three characters; then the one U+FFFD it stands for.
    byte[] bytes =
        latin1
            .replace(NUL_AS_UTF8_REPLACEMENT, "\0")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    return TextDecoding.headerText(bytes, 0, bytes.length).replace('\0', '\uFFFD');
  }

  private static String latin1ToText(String latin1) {
    byte[] bytes = latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    return TextDecoding.bytesToText(bytes, 0, bytes.length, null);
  }

  private void collectText(PartNode node) {
    if (text.length() >= MAX_TEXT) {
      return;
    }
    if (node.multipart) {
      for (PartNode child : node.children) {
        collectText(child);
      }
      return;
    }
    if (node.rfc822 && node.message != null) {
      collectText(node.message);
      return;
    }
    ContentFields c = node.content;
    if (!c.isText()) {
      return;
    }
    String subtype = c.subtype == null ? "plain" : c.subtype.toLowerCase(Locale.ROOT);
    byte[] decoded = TransferDecoding.decode(raw, node.bodyStart, node.end, c.transferEncoding);
    String charset = null;
    for (MimeParameters.Param p : c.typeParams) {
      if (p.name().equalsIgnoreCase("charset")) {
        charset = p.value();
      }
    }
    String body = TextDecoding.bytesToText(decoded, 0, decoded.length, charset);
    if (subtype.equals("html")) {
      body = HtmlText.toText(body);
    }
    if (text.length() > 0) {
      text.append('\n');
    }
    text.append(body, 0, Math.min(body.length(), MAX_TEXT - text.length()));
    // The preview shows the message text, not a text attachment.
    if (isAttachment(c)) {
      return;
    }
    if (subtype.equals("plain") && preview == null) {
      preview = collapse(body);
    } else if (subtype.equals("html") && htmlPreview == null) {
      htmlPreview = collapse(body);
    }
  }

  private static boolean isAttachment(ContentFields c) {
    return c.disposition != null && c.disposition.equalsIgnoreCase("attachment");
  }

  // RFC 8970 §3: the preview is plain text, white space collapsed, at most 256 characters.
  // Same result as body.replaceAll("\\s+", " ").strip() cut to 256, but it reads only as far
  // into the body as the preview needs: the regex over a whole 10 KB body cost ~150 µs per append.
  static String collapse(String body) {
    StringBuilder s = new StringBuilder(PREVIEW_LENGTH + 16);
    int n = body.length();
    boolean complete = true;
    for (int i = 0; i < n; i++) {
      char c = body.charAt(i);
      if (isRegexSpace(c)) {
        while (i + 1 < n && isRegexSpace(body.charAt(i + 1))) {
          i++;
        }
        c = ' ';
      }
      if (s.length() == 0 && Character.isWhitespace(c)) {
        continue; // the leading part of strip()
      }
      s.append(c);
      // A kept character beyond the cut that strip() cannot remove fixes everything before it.
      if (s.length() > PREVIEW_LENGTH && !Character.isWhitespace(c)) {
        complete = i == n - 1;
        break;
      }
    }
    String collapsed = complete ? s.toString().strip() : s.toString();
    if (collapsed.length() <= PREVIEW_LENGTH) {
      return collapsed;
    }
    int cut = PREVIEW_LENGTH;
    if (Character.isLowSurrogate(collapsed.charAt(cut))) {
      cut--;
    }
    return collapsed.substring(0, cut);
  }

  /** {@code \\s} of java.util.regex (without UNICODE_CHARACTER_CLASS). */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
