package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * The Content-* header fields of one entity (RFC 2045 §5, §6, §7; RFC 2183; RFC 3282; RFC 2557; RFC
 * 1864) as BODYSTRUCTURE reports them. The first occurrence of each field counts. Values are byte
 * strings (one char per byte); null means the field is absent.
 */
final class ContentFields {

  String type;
  String subtype;
  List<MimeParameters.Param> typeParams = List.of();
  String id;
  String description;
  String transferEncoding;
  String disposition;
  List<MimeParameters.Param> dispositionParams = List.of();
  String md5;
  List<String> languages;
  String location;

  /** No Content-* fields: what an entity that is not MIME reports (RFC 2045 §4). */
  static ContentFields none() {
    return new ContentFields();
  }

  /** Reads the Content-* fields of {@code fields}. */
  static ContentFields of(byte[] raw, List<HeaderField> fields) {
    ContentFields c = new ContentFields();
    for (HeaderField f : fields) {
      String name = f.name();
      if (name.length() < 8 || !name.regionMatches(true, 0, "Content-", 0, 8)) {
        continue;
      }
      String rest = name.substring(8);
      if (rest.equalsIgnoreCase("ID")) {
        if (c.id == null) {
          c.id = value(raw, f);
        }
      } else if (rest.equalsIgnoreCase("MD5")) {
        if (c.md5 == null) {
          c.md5 = value(raw, f);
        }
      } else if (rest.equalsIgnoreCase("Type")) {
        if (c.type == null) {
          c.readType(raw, f);
        }
      } else if (rest.equalsIgnoreCase("Transfer-Encoding")) {
        if (c.transferEncoding == null) {
          c.readTransferEncoding(raw, f);
        }
      } else if (rest.equalsIgnoreCase("Language")) {
        if (c.languages == null) {
          c.readLanguages(raw, f);
        }
      } else if (rest.equalsIgnoreCase("Location")) {
        if (c.location == null) {
          c.location = value(raw, f);
        }
      } else if (rest.equalsIgnoreCase("Description")) {
        if (c.description == null) {
          c.description = value(raw, f);
        }
      } else if (rest.equalsIgnoreCase("Disposition")) {
        // The reference server reads a later Content-Disposition while none had parameters.
        if (c.dispositionParams.isEmpty()) {
          c.readDisposition(raw, f);
        }
      }
    }
    return c;
  }

  /**
   * The raw value of a field as a byte string, a NUL byte replaced by U+FFFD in UTF-8 as the
   * reference server does (a NUL cannot be sent in an IMAP string, RFC 9051 §4.3).
   */
  static String value(byte[] raw, HeaderField f) {
    String value = HeaderParser.latin1(raw, f.valueStart(), f.valueEnd());
    return value.indexOf('\0') < 0 ? value : value.replace("\0", "\u00ef\u00bf\u00bd");
  }

  // RFC 2045 §5.1
  private void readType(byte[] raw, HeaderField f) {
    Rfc822Lexer lexer = new Rfc822Lexer(raw, f.valueStart(), f.valueEnd());
    lexer.skipLwsp();
    StringBuilder sb = new StringBuilder();
    int ret = lexer.parseContentType(sb);
    String s = sb.toString();
    int slash = s.indexOf('/');
    if (slash >= 0) {
      subtype = s.substring(slash + 1);
      type = s.substring(0, slash);
    } else {
      type = s;
      subtype = "";
    }
    if (ret >= 0) {
      typeParams = MimeParameters.parse(lexer);
    }
  }

  // RFC 2045 §6.1: a single token; anything after it makes the field unusable.
  private void readTransferEncoding(byte[] raw, HeaderField f) {
    Rfc822Lexer lexer = new Rfc822Lexer(raw, f.valueStart(), f.valueEnd());
    lexer.skipLwsp();
    StringBuilder sb = new StringBuilder();
    if (lexer.parseMimeToken(sb) >= 0 && lexer.skipLwsp() == 0 && sb.length() > 0) {
      transferEncoding = sb.toString();
    }
  }

  // RFC 2183 §2
  private void readDisposition(byte[] raw, HeaderField f) {
    Rfc822Lexer lexer = new Rfc822Lexer(raw, f.valueStart(), f.valueEnd());
    lexer.skipLwsp();
    StringBuilder sb = new StringBuilder();
    if (lexer.parseMimeToken(sb) < 0) {
      return;
    }
    disposition = sb.toString();
    dispositionParams = MimeParameters.parse(lexer);
  }

  // RFC 3282 §2: 1#Language-tag
  private void readLanguages(byte[] raw, HeaderField f) {
    Rfc822Lexer lexer = new Rfc822Lexer(raw, f.valueStart(), f.valueEnd());
    List<String> langs = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    lexer.skipLwsp();
    while (lexer.parseAtom(sb) >= 0) {
      langs.add(sb.toString());
      sb.setLength(0);
      if (lexer.atEnd() || lexer.peek() != ',') {
        break;
      }
      lexer.advance();
      lexer.skipLwsp();
    }
    if (!langs.isEmpty()) {
      languages = langs;
    }
  }

  /** Whether the part counts as text for BODYSTRUCTURE (no Content-Type, or type "text"). */
  boolean isText() {
    return type == null || type.equalsIgnoreCase("text");
  }
}
