package dev.mailvault.mailauth.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tag=value list (RFC 6376 §3.2): the syntax of the DKIM-Signature field, of DKIM key records,
 * and of DMARC records (RFC 7489 §6.4). Tag names are case-sensitive; values keep their inner white
 * space (an {@code h=} list may be folded) but lose the white space around them.
 */
public final class TagList {

  private final Map<String, String> tags;

  private TagList(Map<String, String> tags) {
    this.tags = Collections.unmodifiableMap(tags);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when a tag name is not a name, a tag has no {@code =}, or a
   *     tag occurs twice (RFC 6376 §3.2: then the whole list is invalid)
   */
  public static TagList parse(CharSequence text) {
    Map<String, String> tags = new LinkedHashMap<>();
    int start = 0;
    int length = text.length();
    while (start <= length) {
      int end = start;
      while (end < length && text.charAt(end) != ';') {
        end++;
      }
      String spec = text.subSequence(start, end).toString();
      // RFC 6376 §3.2: a trailing ";" is allowed, which leaves an empty tag-spec at the end.
      if (!isBlank(spec)) {
        int equals = spec.indexOf('=');
        if (equals < 0) {
          throw new IllegalArgumentException("a tag without '='");
        }
        String name = trim(spec.substring(0, equals));
        if (!isTagName(name)) {
          throw new IllegalArgumentException("an invalid tag name");
        }
        if (tags.put(name, trim(spec.substring(equals + 1))) != null) {
          throw new IllegalArgumentException("tag '" + name + "' occurs twice");
        }
      }
      start = end + 1;
    }
    return new TagList(tags);
  }

  /** The value of {@code name}, if the tag is present (possibly empty). */
  public Optional<String> get(String name) {
    return Optional.ofNullable(tags.get(name));
  }

  /** The value of {@code name}, or {@code fallback} when the tag is absent. */
  public String get(String name, String fallback) {
    return tags.getOrDefault(name, fallback);
  }

  public boolean has(String name) {
    return tags.containsKey(name);
  }

  /** The tag names in the order they appear. */
  public List<String> names() {
    return List.copyOf(tags.keySet());
  }

  /** {@code value} without any white space: for base64 values folded across lines (§3.5). */
  public static String withoutWhitespace(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code value} split at {@code separator}, each part trimmed: {@code h=from : to}. */
  public static List<String> split(String value, char separator) {
    List<String> parts = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length() || value.charAt(i) == separator) {
        parts.add(trim(value.substring(start, i)));
        start = i + 1;
      }
    }
    return parts;
  }

  // RFC 6376 §3.2: tag-name = ALPHA *ALNUMPUNC, ALNUMPUNC = ALPHA / DIGIT / "_".
  private static boolean isTagName(String name) {
    if (name.isEmpty() || !isAlpha(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** FWS is SP, HTAB and the CRLF of a fold. */
  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isBlank(String text) {
    return trim(text).isEmpty();
  }

  private static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }
}
