package dev.mailvault.core.sort;

/**
 * The base subject of RFC 5256 §2.1, which SORT SUBJECT and both THREAD algorithms compare: the
 * subject without "Re:", "Fwd:", "[list]" blobs, a "(fwd)" trailer or a "[fwd: ...]" wrapper, in
 * the i;unicode-casemap canonical form (RFC 5051).
 *
 * @param text the base subject, canonical; empty when the subject was empty or only noise
 * @param replyOrForward whether extraction removed a "Re:"/"Fwd:", a "(fwd)" trailer or a "[fwd:
 *     ...]" wrapper (RFC 5256 §2.1 step 3, used by THREAD=REFERENCES step 5)
 */
public record BaseSubject(String text, boolean replyOrForward) {

  /**
   * Extracts the base subject of a decoded Subject (RFC 2047 words already decoded, RFC 5256 §2.1
   * step 1).
   */
  public static BaseSubject of(String decodedSubject) {
    String s = UnicodeCasemap.canonical(collapseWhitespace(decodedSubject));
    boolean reply = false;
    while (true) {
      // Step 2: remove trailing "(fwd)" and whitespace, repeatedly.
      while (true) {
        String stripped = stripTrailingSpace(s);
        if (stripped.endsWith("(FWD)")) {
          s = stripped.substring(0, stripped.length() - 5);
          reply = true;
        } else {
          s = stripped;
          break;
        }
      }
      // Steps 3 and 4, until neither removes anything.
      while (true) {
        String before = s;
        while (true) {
          int leader = leaderLength(s);
          if (leader == 0) {
            break;
          }
          if (leader < 0) {
            s = s.substring(-leader);
            reply = true;
          } else {
            s = s.substring(leader);
          }
        }
        int blob = blobLength(s, 0);
        if (blob > 0 && blob < s.length()) {
          s = s.substring(blob);
        }
        if (s.equals(before)) {
          break;
        }
      }
      // Step 5: "[fwd:" ... "]" around the rest.
      if (s.startsWith("[FWD:") && s.endsWith("]")) {
        s = s.substring(5, s.length() - 1);
        reply = true;
        continue;
      }
      return new BaseSubject(s, reply);
    }
  }

  /** Step 1: tabs and line breaks are spaces, runs of spaces one space. */
  static String collapseWhitespace(String subject) {
    StringBuilder out = new StringBuilder(subject.length());
    boolean space = false;
    for (int i = 0; i < subject.length(); i++) {
      char c = subject.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (!space) {
          out.append(' ');
        }
        space = true;
      } else {
        out.append(c);
        space = false;
      }
    }
    return out.toString();
  }

  private static String stripTrailingSpace(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * The length of a subj-leader at the start (RFC 5256 §5): a space, returned positive; or blobs
   * followed by a subj-refwd, returned negative (a reply marker); 0 when there is none.
   */
  private static int leaderLength(String s) {
    if (s.startsWith(" ")) {
      return 1;
    }
    int i = 0;
    while (true) {
      int refwd = refwdLength(s, i);
      if (refwd > 0) {
        return -(i + refwd);
      }
      int blob = blobLength(s, i);
      if (blob == 0) {
        return 0;
      }
      i += blob;
    }
  }

  /** subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":", at {@code from}; 0 if none. */
  private static int refwdLength(String s, int from) {
    int i = from;
    if (s.startsWith("RE", i)) {
      i += 2;
    } else if (s.startsWith("FWD", i)) {
      i += 3;
    } else if (s.startsWith("FW", i)) {
      i += 2;
    } else {
      return 0;
    }
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    i += blobLength(s, i);
    return i < s.length() && s.charAt(i) == ':' ? i + 1 - from : 0;
  }

  /** subj-blob = "[" *BLOBCHAR "]" *WSP, at {@code from}; 0 if none. */
  private static int blobLength(String s, int from) {
    if (from >= s.length() || s.charAt(from) != '[') {
      return 0;
    }
    int i = from + 1;
    while (i < s.length() && s.charAt(i) != ']') {
      if (s.charAt(i) == '[') {
        return 0;
      }
      i++;
    }
    if (i >= s.length()) {
      return 0;
    }
    i++;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i - from;
  }
}
