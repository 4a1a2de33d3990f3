package dev.mailvault.core.sort;

import java.text.Normalizer;

/**
 * The i;unicode-casemap collation (RFC 5051 §2): each string is turned into its "titlecased
 * canonicalized UTF-8" form, after which strings compare as octets (i;octet). For ASCII this is the
 * i;ascii-casemap of RFC 4790 (a-z as A-Z), which RFC 5256 §2.1 names as the minimum.
 *
 * <p>Java's {@link String#compareTo} compares UTF-16 units, not code points; {@link #compare} and
 * SQLite's BINARY collation over the stored UTF-8 both order by code point, as i;octet does.
 */
public final class UnicodeCasemap {

  private UnicodeCasemap() {}

  /**
   * RFC 5051 §2 steps 1-3: every character with a titlecase mapping is replaced by it, and every
   * character with a decomposition by its full decomposition, until nothing changes.
   */
  public static String canonical(String text) {
    String current = text;
    for (int round = 0; round < 4; round++) {
      String next = Normalizer.normalize(titlecase(current), Normalizer.Form.NFKD);
      if (next.equals(current)) {
        return next;
      }
      current = next;
    }
    return current;
  }

  /**
   * Code point order of two canonical strings: the octet order of their UTF-8. UTF-16 order is the
   * same except where a surrogate (part of a code point above U+FFFF) meets a character from U+E000
   * to U+FFFF, which it must follow.
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        boolean sa = Character.isSurrogate(ca);
        boolean sb = Character.isSurrogate(cb);
        if (sa != sb) {
          return sa ? 1 : -1;
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }

  private static String titlecase(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> out.appendCodePoint(Character.toTitleCase(cp)));
    return out.toString();
  }
}
