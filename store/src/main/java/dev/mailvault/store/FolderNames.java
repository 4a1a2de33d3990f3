package dev.mailvault.store;

import dev.mailvault.core.access.InvalidFolderNameException;
import java.util.ArrayList;
import java.util.List;

/**
 * Folder names as the vault keeps them: full UTF-8 names with '/' between levels. The protocol
 * layer converts modified UTF-7 and strips a trailing delimiter of CREATE before it gets here.
 */
final class FolderNames {

  static final String INBOX = "INBOX";
  static final char DELIMITER = '/';
  private static final int MAX_LENGTH = 1000;

  private FolderNames() {}

  /**
   * Checks {@code name} and returns it in canonical form: a first level spelled INBOX in any case
   * becomes {@code INBOX} (RFC 9051 §5.1: INBOX is case-insensitive); other names are kept as
   * given, case-sensitive.
   */
  static String canonical(String name) throws InvalidFolderNameException {
    if (name == null || name.isEmpty()) {
      throw new InvalidFolderNameException("empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw new InvalidFolderNameException("longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new InvalidFolderNameException("control character");
      }
      // RFC 9051 §5.1: '%' and '*' are LIST wildcards and must not be part of a name.
      if (c == '%' || c == '*') {
        throw new InvalidFolderNameException("wildcard character");
      }
    }
    String[] levels = name.split(String.valueOf(DELIMITER), -1);
    for (String level : levels) {
      if (level.isEmpty()) {
        throw new InvalidFolderNameException("empty level");
      }
    }
    if (levels[0].equalsIgnoreCase(INBOX)) {
      return INBOX + name.substring(INBOX.length());
    }
    return name;
  }

  /** The superior names of {@code name}, outermost first: {@code a/b/c} gives a, a/b. */
  static List<String> ancestors(String name) {
    List<String> ancestors = new ArrayList<>();
    for (int i = name.indexOf(DELIMITER); i >= 0; i = name.indexOf(DELIMITER, i + 1)) {
      ancestors.add(name.substring(0, i));
    }
    return ancestors;
  }

  /** Whether {@code name} lies below {@code ancestor}. */
  static boolean isBelow(String name, String ancestor) {
    return name.length() > ancestor.length() + 1
        && name.startsWith(ancestor)
        && name.charAt(ancestor.length()) == DELIMITER;
  }
}
