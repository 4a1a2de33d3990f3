package dev.mailvault.core.sieve;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code :matches} match type (RFC 5228 §2.7.1): {@code *} matches any sequence, {@code ?} one
 * character, {@code \} escapes the next character. Matched without recursion by backtracking only
 * to the last {@code *}, which is enough for wildcards and costs at most O(n·m) comparisons, so a
 * hostile pattern such as {@code *a*a*a*a*b} cannot stall delivery.
 *
 * <p>Earlier wildcards take as little as they can, the last one the rest, which gives the match
 * variables of RFC 5229 §3.2 ({@code "[*] *"} on {@code "[a] [b] c"} gives {@code a} and {@code [b]
 * c}).
 */
final class Wildcard {

  private static final int STAR = -1;
  private static final int ONE = -2;

  private Wildcard() {}

  /**
   * The text matched by each wildcard in order when {@code value} matches {@code pattern}, or null
   * when it does not.
   */
  static List<String> match(String pattern, String value, boolean foldCase) {
    int[] tok = tokens(pattern, foldCase);
    int[] v = fold(value.codePoints().toArray(), foldCase);
    int n = v.length;
    int m = tok.length;
    int[] capStart = new int[m];
    int[] capEnd = new int[m];
    int p = 0;
    int s = 0;
    int starP = -1;
    int starS = 0;
    while (s < n) {
      if (p < m && tok[p] == STAR) {
        starP = p;
        starS = s;
        capStart[p] = s;
        capEnd[p] = s;
        p++;
      } else if (p < m && (tok[p] == ONE || tok[p] == v[s])) {
        capStart[p] = s;
        capEnd[p] = s + 1;
        p++;
        s++;
      } else if (starP >= 0) {
        // Give the last '*' one more character and retry what follows it.
        starS++;
        capEnd[starP] = starS;
        p = starP + 1;
        s = starS;
      } else {
        return null;
      }
    }
    while (p < m && tok[p] == STAR) {
      capStart[p] = n;
      capEnd[p] = n;
      p++;
    }
    if (p != m) {
      return null;
    }
    int[] original = value.codePoints().toArray();
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (tok[i] == STAR || tok[i] == ONE) {
        groups.add(new String(original, capStart[i], capEnd[i] - capStart[i]));
      }
    }
    return groups;
  }

  private static int[] tokens(String pattern, boolean foldCase) {
    int[] cps = pattern.codePoints().toArray();
    int[] out = new int[cps.length];
    int k = 0;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == '\\' && i + 1 < cps.length) {
        out[k++] = foldOne(cps[++i], foldCase);
      } else if (c == '*') {
        // "**" is the same as "*" for matching but RFC 5229 §3.2 numbers each one.
        out[k++] = STAR;
      } else if (c == '?') {
        out[k++] = ONE;
      } else {
        out[k++] = foldOne(c, foldCase);
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  private static int[] fold(int[] cps, boolean foldCase) {
    if (foldCase) {
      for (int i = 0; i < cps.length; i++) {
        cps[i] = foldOne(cps[i], true);
      }
    }
    return cps;
  }

  // i;ascii-casemap folds only A-Z (RFC 4790 §9.2).
  private static int foldOne(int c, boolean foldCase) {
    return foldCase && c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
}
