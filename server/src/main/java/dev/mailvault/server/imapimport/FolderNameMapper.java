package dev.mailvault.server.imapimport;

import java.util.Locale;

/**
 * Maps a source folder name to Mailvault's: the source's hierarchy delimiter (RFC 9051 §6.3.9, the
 * LIST response's second field) becomes '/', and the personal namespace prefix (RFC 2342, e.g. the
 * {@code INBOX.} of Courier and Cyrus) is dropped, so {@code INBOX.Archive.2023} on such a server
 * arrives as {@code Archive/2023}. A character Mailvault does not allow inside one level is
 * replaced (ADR 0146): '/' by U+2215 DIVISION SLASH, which looks the same; the LIST wildcards '%'
 * and '*' and control characters by '_'; an empty level becomes '_'.
 */
final class FolderNameMapper {

  static final char SLASH_LOOKALIKE = '\u2215';

  private final String personalPrefix;

  /**
   * @param personalPrefix the personal namespace's prefix including its trailing delimiter, or ""
   */
  FolderNameMapper(String personalPrefix) {
    this.personalPrefix = personalPrefix;
  }

  /**
   * @param sourceName the full name as the source lists it, modified UTF-7 already decoded
   * @param delimiter the source's hierarchy delimiter, or 0 for a flat namespace
   */
  String map(String sourceName, char delimiter) {
    if (sourceName.equalsIgnoreCase("INBOX")) {
      return "INBOX";
    }
    String name = sourceName;
    if (!personalPrefix.isEmpty() && startsWithPrefix(name)) {
      name = name.substring(personalPrefix.length());
    }
    String[] levels =
        delimiter == 0
            ? new String[] {name}
            : name.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
    StringBuilder mapped = new StringBuilder();
    for (int i = 0; i < levels.length; i++) {
      if (i > 0) {
        mapped.append('/');
      }
      mapped.append(level(levels[i]));
    }
    String result = mapped.toString();
    int firstEnd = result.indexOf('/');
    String first = firstEnd < 0 ? result : result.substring(0, firstEnd);
    // RFC 9051 §5.1: INBOX is case-insensitive, so "inbox.x" is below INBOX.
    if (first.equalsIgnoreCase("INBOX")) {
      result = "INBOX" + result.substring(first.length());
    }
    return result;
  }

  private boolean startsWithPrefix(String name) {
    // The prefix INBOX. is case-insensitive in its INBOX part, like INBOX itself.
    return name.length() > personalPrefix.length()
        && name.substring(0, personalPrefix.length())
            .toUpperCase(Locale.ROOT)
            .equals(personalPrefix.toUpperCase(Locale.ROOT))
        && (personalPrefix.toUpperCase(Locale.ROOT).startsWith("INBOX")
            || name.startsWith(personalPrefix));
  }

  private static String level(String level) {
    if (level.isEmpty()) {
      return "_";
    }
    StringBuilder out = new StringBuilder(level.length());
    for (int i = 0; i < level.length(); i++) {
      char c = level.charAt(i);
      if (c == '/') {
        out.append(SLASH_LOOKALIKE);
      } else if (c == '%' || c == '*' || c < 0x20 || c == 0x7f) {
        out.append('_');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
