package dev.mailvault.store.backup;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * What a {@link BackupTarget} key may look like, the same for every target (ADR 0130): segments
 * joined by '/', each starting with a letter or digit and made of {@code A-Z a-z 0-9 . _ - : + =},
 * at most 1024 characters. So a key can never be absolute, climb out with {@code ..}, name a hidden
 * or temporary file, or mean different objects on a file system and in S3.
 */
public final class BackupKeySyntax {

  /** Keys sort by their bytes, as S3 lists them; for the allowed ASCII that is String order. */
  public static final Comparator<String> ORDER = Comparator.naturalOrder();

  private static final int MAX_LENGTH = 1024;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+=-]*");

  private BackupKeySyntax() {}

  /**
   * Checks a key.
   *
   * @throws IllegalArgumentException naming the rule the key breaks
   */
  public static String checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("backup key is empty");
    }
    checkLength(key);
    for (String segment : key.split("/", -1)) {
      checkSegment(key, segment);
    }
    return key;
  }

  /**
   * Checks a listing prefix: empty (everything), or the beginning of some valid key such as {@code
   * "3f9a/"} or {@code "3f9a/2024-"}.
   *
   * @throws IllegalArgumentException naming the rule the prefix breaks
   */
  public static String checkPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("backup key prefix is null");
    }
    checkLength(prefix);
    String[] segments = prefix.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      boolean partialLast = i == segments.length - 1 && segments[i].isEmpty();
      if (!partialLast) {
        checkSegment(prefix, segments[i]);
      }
    }
    return prefix;
  }

  private static void checkLength(String key) {
    if (key.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("backup key is longer than " + MAX_LENGTH + " characters");
    }
  }

  private static void checkSegment(String key, String segment) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException(
          "backup key has an empty segment (leading, trailing or double '/'): " + key);
    }
    if (!SEGMENT.matcher(segment).matches()) {
      throw new IllegalArgumentException(
          "backup key segment must start with a letter or digit and use only A-Z a-z 0-9 . _ - : +"
              + " =: "
              + key);
    }
  }
}
