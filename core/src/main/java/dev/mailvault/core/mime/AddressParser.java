package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an address list header (RFC 5322 §3.4) into ENVELOPE address entries, recovering from
 * broken input the way the reference server does. Where a part is missing it fills in a placeholder
 * instead of NIL: {@code MISSING_MAILBOX}, {@code MISSING_DOMAIN}, and {@code SYNTAX_ERROR} for a
 * domain in a broken angle address, because a NIL host in an ENVELOPE address marks a group (RFC
 * 3501 §7.4.2) and clients rely on that (ADR 0012).
 */
final class AddressParser {

  static final String MISSING_MAILBOX = "MISSING_MAILBOX";
  static final String MISSING_DOMAIN = "MISSING_DOMAIN";
  static final String SYNTAX_ERROR = "SYNTAX_ERROR";

  /**
   * The most entries one header gives. An empty list member ({@code To: ,,,}) costs one octet and
   * renders as a 40-octet placeholder address, so without a bound a 50 MiB message (SMTP's limit)
   * would make a 2 GiB ENVELOPE (found by MimeParserFuzzTest). No real header lists this many.
   */
  static final int MAX_ADDRESSES = 10_000;

  private final Rfc822Lexer lexer;
  private final StringBuilder str = new StringBuilder();
  private final StringBuilder lastComment = new StringBuilder();
  private final List<Address> out = new ArrayList<>();

  private String name;
  private String route;
  private String mailbox;
  private String domain;
  private boolean invalid;

  private AddressParser(byte[] raw, int from, int to) {
    this.lexer = new Rfc822Lexer(raw, from, to);
    lexer.trackComments(lastComment);
    // U+FFFD REPLACEMENT CHARACTER in UTF-8, one char per byte.
    lexer.replaceNul("\u00ef\u00bf\u00bd");
  }

  /** Parses the value bytes {@code [from, to)}; an empty or blank value gives an empty list. */
  static List<Address> parse(byte[] raw, int from, int to) {
    AddressParser parser = new AddressParser(raw, from, to);
    if (parser.lexer.skipLwsp() > 0) {
      parser.parseAddressList();
    }
    return parser.out;
  }

  private void addAddress() {
    if (out.size() < MAX_ADDRESSES) {
      out.add(new Address(name, route, mailbox, domain));
    }
    name = null;
    route = null;
    mailbox = null;
    domain = null;
    invalid = false;
  }

  private void addFixedAddress() {
    if (mailbox == null) {
      mailbox = MISSING_MAILBOX;
      invalid = true;
    }
    if (domain == null || domain.isEmpty()) {
      domain = MISSING_DOMAIN;
      invalid = true;
    }
    addAddress();
  }

  private int parseLocalPart() {
    str.setLength(0);
    int ret = lexer.peek() == '"' ? lexer.parseQuotedString(str) : lexer.parseDotAtom(str);
    if (ret < 0) {
      return -1;
    }
    mailbox = str.toString();
    return ret;
  }

  private int parseDomain() {
    str.setLength(0);
    int ret = lexer.parseDomain(str);
    if (ret < 0) {
      return -1;
    }
    domain = str.toString();
    return ret;
  }

  // RFC 5322 §4.4 obs-domain-list: "@" domain *(*(CFWS / ",") [CFWS] "@" domain)
  private int parseDomainList() {
    str.setLength(0);
    while (true) {
      if (lexer.atEnd()) {
        return 0;
      }
      if (lexer.peek() != '@') {
        break;
      }
      if (str.length() > 0) {
        str.append(',');
      }
      str.append('@');
      int ret = lexer.parseDomain(str);
      if (ret <= 0) {
        return ret;
      }
      while (lexer.skipLwsp() > 0 && lexer.peek() == ',') {
        lexer.advance();
      }
    }
    route = str.toString();
    return 1;
  }

  // RFC 5322 §3.4 angle-addr, with the obsolete route of §4.4.
  private int parseAngleAddr() {
    lexer.advance();
    if (lexer.skipLwsp() <= 0) {
      return -1;
    }
    if (lexer.peek() == '@') {
      if (parseDomainList() > 0 && lexer.peek() == ':') {
        lexer.advance();
      } else {
        route = "INVALID_ROUTE";
        if (lexer.atEnd()) {
          return -1;
        }
      }
      if (lexer.skipLwsp() <= 0) {
        return -1;
      }
    }
    if (lexer.peek() != '>') {
      if (parseLocalPart() <= 0) {
        return -1;
      }
      if (lexer.peek() == '@' && parseDomain() <= 0) {
        return -1;
      }
    }
    if (lexer.peek() != '>') {
      return -1;
    }
    lexer.advance();
    return lexer.skipLwsp();
  }

  private int parseNameAddr() {
    str.setLength(0);
    if (lexer.parsePhrase(str) <= 0 || lexer.peek() != '<') {
      return -1;
    }
    name = str.length() == 0 ? null : str.toString();
    if (parseAngleAddr() < 0) {
      domain = SYNTAX_ERROR;
      invalid = true;
    }
    return lexer.atEnd() ? 0 : 1;
  }

  private int parseAddrSpec() {
    int ret2 = -2;
    lastComment.setLength(0);
    boolean quoted = lexer.peek() == '"';
    int ret = parseLocalPart();
    if (ret <= 0) {
      invalid = true;
    }
    if (ret != 0 && !lexer.atEnd() && lexer.peek() == '@') {
      ret2 = parseDomain();
      if (ret2 <= 0) {
        ret = ret2;
      }
    }
    if (lastComment.length() > 0) {
      name = lastComment.toString();
    } else if (ret2 == -2) {
      // A lone word is a mailbox without domain; more words make it a display name.
      str.append(' ');
      int before = str.length();
      lexer.parsePhrase(str);
      if (str.length() != before) {
        mailbox = null;
        name = str.toString();
      } else if (!quoted) {
        domain = "";
      }
      invalid = true;
      ret = -1;
    }
    return ret;
  }

  private int parseMailbox() {
    int start = lexer.position();
    int ret = parseNameAddr();
    if (ret < 0) {
      lexer.position(start);
      ret = parseAddrSpec();
      if (invalid && name == null && mailbox != null && domain == null) {
        name = mailbox;
        mailbox = null;
      }
    }
    if (ret < 0) {
      invalid = true;
    }
    addFixedAddress();
    return ret;
  }

  // RFC 5322 §3.4 group: display-name ":" [group-list] ";" [CFWS]
  private int parseGroup() {
    str.setLength(0);
    if (lexer.parsePhrase(str) <= 0 || lexer.peek() != ':') {
      return -1;
    }
    lexer.advance();
    int ret = lexer.skipLwsp();
    mailbox = str.toString();
    addAddress();
    if (ret > 0 && lexer.peek() != ';') {
      while (true) {
        parseMailbox();
        if (lexer.atEnd() || lexer.peek() != ',') {
          break;
        }
        lexer.advance();
        if (lexer.skipLwsp() <= 0) {
          ret = -1;
          break;
        }
      }
    }
    if (ret >= 0) {
      if (lexer.atEnd() || lexer.peek() != ';') {
        ret = -1;
      } else {
        lexer.advance();
        ret = lexer.skipLwsp();
      }
    }
    addAddress();
    return ret == 0 ? 0 : 1;
  }

  private int parseAddress() {
    int start = lexer.position();
    int ret = parseGroup();
    if (ret < 0) {
      lexer.position(start);
      ret = parseMailbox();
    }
    return ret;
  }

  private void parseAddressList() {
    while (out.size() < MAX_ADDRESSES) {
      if (parseAddress() == 0) {
        break;
      }
      if (lexer.atEnd() || lexer.peek() != ',') {
        break;
      }
      lexer.advance();
      int ret = lexer.skipLwsp();
      if (ret <= 0) {
        if (ret < 0) {
          addFixedAddress();
        }
        break;
      }
    }
  }
}
