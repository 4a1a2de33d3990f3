package dev.mailvault.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Words as the full-text index's tokenizer (FTS5 {@code ascii}) cuts them, so Java and SQLite agree
 * on every term (docs/adr/0219-full-text-index.md): a term is a longest run of ASCII letters and
 * digits and of any character above ASCII; every other ASCII character separates. The text is
 * already in {@code SearchText.searchForm}, so ASCII letters are lower case, as the tokenizer folds
 * them.
 */
final class TextTerms {

  private TextTerms() {}

  /** Whether {@code c} belongs to a term (FTS5 {@code ascii}: bytes of 0x80 and up are). */
  static boolean isTermChar(char c) {
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }

  /** The distinct terms of {@code texts}, ASCII letters in lower case. */
  static Set<String> of(String... texts) {
    Set<String> terms = new LinkedHashSet<>();
    for (String text : texts) {
      int start = -1;
      for (int i = 0; i <= text.length(); i++) {
        boolean term = i < text.length() && isTermChar(text.charAt(i));
        if (term && start < 0) {
          start = i;
        } else if (!term && start >= 0) {
          terms.add(lowerAscii(text.substring(start, i)));
          start = -1;
        }
      }
    }
    return terms;
  }

  /**
   * How a needle's runs of term characters must appear among a matching text's terms. A text
   * holding the needle holds each piece: whole as a term when separators bound it on both sides in
   * the needle, as a term's start when only its left is bound, as a term's end when only its right
   * is, anywhere inside a term when neither is.
   */
  enum Fit {
    WHOLE,
    START,
    END,
    INSIDE
  }

  /** One run of term characters of a needle and where it must sit in a term. */
  record Piece(String text, Fit fit) {}

  /** The pieces of a needle in {@code SearchText.searchForm}; empty when it has no term char. */
  static List<Piece> pieces(String needle) {
    List<int[]> runs = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= needle.length(); i++) {
      boolean term = i < needle.length() && isTermChar(needle.charAt(i));
      if (term && start < 0) {
        start = i;
      } else if (!term && start >= 0) {
        runs.add(new int[] {start, i});
        start = -1;
      }
    }
    List<Piece> pieces = new ArrayList<>(runs.size());
    for (int[] run : runs) {
      // the needle's own end leaves that side open: the text may go on with term characters
      boolean leftOpen = run[0] == 0;
      boolean rightOpen = run[1] == needle.length();
      Fit fit =
          leftOpen && rightOpen
              ? Fit.INSIDE
              : leftOpen ? Fit.END : rightOpen ? Fit.START : Fit.WHOLE;
      pieces.add(new Piece(lowerAscii(needle.substring(run[0], run[1])), fit));
    }
    return pieces;
  }

  private static String lowerAscii(String term) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = term.toCharArray();
        for (int k = i; k < chars.length; k++) {
          if (chars[k] >= 'A' && chars[k] <= 'Z') {
            chars[k] = (char) (chars[k] + ('a' - 'A'));
          }
        }
        return new String(chars);
      }
    }
    return term;
  }
}
