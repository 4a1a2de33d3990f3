package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed section specifier (RFC 9051 §6.4.5):
 *
 * <pre>
 * section-spec    = section-msgtext / (section-part ["." section-text])
 * section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
 * section-part    = nz-number *("." nz-number)
 * section-text    = section-msgtext / "MIME"
 * </pre>
 *
 * @param part the part numbers, empty for the message itself
 * @param text what to take of the part
 * @param fields the header field names of HEADER.FIELDS[.NOT], upper-cased; empty otherwise
 */
record SectionSpec(List<Integer> part, Text text, List<String> fields) {

  /** The section-text (or its absence). */
  enum Text {
    /** The whole message, or the body of a numbered part. */
    ALL,
    HEADER,
    HEADER_FIELDS,
    HEADER_FIELDS_NOT,
    TEXT,
    MIME
  }

  static SectionSpec parse(String section) throws InvalidSectionException {
    if (section == null) {
      throw new InvalidSectionException("Missing section");
    }
    List<Integer> part = new ArrayList<>();
    int pos = 0;
    int n = section.length();
    while (pos < n && isDigit(section.charAt(pos))) {
      int start = pos;
      while (pos < n && isDigit(section.charAt(pos))) {
        pos++;
      }
      if (section.charAt(start) == '0' || pos - start > 9) {
        throw invalid(section);
      }
      part.add(Integer.parseInt(section.substring(start, pos)));
      if (pos == n) {
        return new SectionSpec(List.copyOf(part), Text.ALL, List.of());
      }
      if (section.charAt(pos) != '.') {
        throw invalid(section);
      }
      pos++;
      if (pos == n) {
        throw invalid(section);
      }
    }
    String rest = section.substring(pos);
    String upper = rest.toUpperCase(Locale.ROOT);
    if (upper.isEmpty()) {
      return new SectionSpec(List.of(), Text.ALL, List.of());
    }
    if (upper.equals("HEADER")) {
      return new SectionSpec(List.copyOf(part), Text.HEADER, List.of());
    }
    if (upper.equals("TEXT")) {
      return new SectionSpec(List.copyOf(part), Text.TEXT, List.of());
    }
    if (upper.equals("MIME")) {
      if (part.isEmpty()) {
        throw invalid(section);
      }
      return new SectionSpec(List.copyOf(part), Text.MIME, List.of());
    }
    Text kind;
    String list;
    if (upper.startsWith("HEADER.FIELDS.NOT ")) {
      kind = Text.HEADER_FIELDS_NOT;
      list = rest.substring("HEADER.FIELDS.NOT ".length());
    } else if (upper.startsWith("HEADER.FIELDS ")) {
      kind = Text.HEADER_FIELDS;
      list = rest.substring("HEADER.FIELDS ".length());
    } else {
      throw invalid(section);
    }
    return new SectionSpec(List.copyOf(part), kind, headerList(list, section));
  }

  // header-list = "(" header-fld-name *(SP header-fld-name) ")"; header-fld-name = astring
  private static List<String> headerList(String list, String section)
      throws InvalidSectionException {
    int n = list.length();
    if (n < 2 || list.charAt(0) != '(' || list.charAt(n - 1) != ')') {
      throw invalid(section);
    }
    List<String> names = new ArrayList<>();
    int pos = 1;
    int end = n - 1;
    while (pos < end) {
      StringBuilder name = new StringBuilder();
      char c = list.charAt(pos);
      if (c == '"') {
        pos++;
        while (pos < end && list.charAt(pos) != '"') {
          char q = list.charAt(pos);
          if (q == '\\' && pos + 1 < end) {
            pos++;
            q = list.charAt(pos);
          }
          name.append(q);
          pos++;
        }
        if (pos >= end) {
          throw invalid(section);
        }
        pos++;
      } else if (c == '{') {
        int close = list.indexOf('}', pos);
        if (close < 0
            || close + 2 >= end
            || list.charAt(close + 1) != '\r'
            || list.charAt(close + 2) != '\n') {
          throw invalid(section);
        }
        int length = parseLength(list.substring(pos + 1, close), section);
        int from = close + 3;
        if (from + length > end) {
          throw invalid(section);
        }
        name.append(list, from, from + length);
        pos = from + length;
      } else {
        while (pos < end && isAstringChar(list.charAt(pos))) {
          name.append(list.charAt(pos));
          pos++;
        }
        if (name.length() == 0) {
          throw invalid(section);
        }
      }
      names.add(name.toString().toUpperCase(Locale.ROOT));
      if (pos < end) {
        if (list.charAt(pos) != ' ' || pos + 1 >= end) {
          throw invalid(section);
        }
        pos++;
      }
    }
    if (names.isEmpty()) {
      throw invalid(section);
    }
    return List.copyOf(names);
  }

  private static int parseLength(String digits, String section) throws InvalidSectionException {
    String d = digits.endsWith("+") ? digits.substring(0, digits.length() - 1) : digits;
    if (d.isEmpty() || d.length() > 9 || !d.chars().allMatch(SectionSpec::isDigit)) {
      throw invalid(section);
    }
    return Integer.parseInt(d);
  }

  // RFC 9051 §9: ASTRING-CHAR = ATOM-CHAR / resp-specials
  private static boolean isAstringChar(char c) {
    return c > ' ' && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*'
        && c != '"' && c != '\\';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static InvalidSectionException invalid(String section) {
    // The section text comes from the client, not from a message; it is safe to echo a prefix.
    String shown = section.length() > 40 ? section.substring(0, 40) + "..." : section;
    return new InvalidSectionException(
        "Invalid section specifier: " + shown.replaceAll("[\\r\\n]", " "));
  }
}
