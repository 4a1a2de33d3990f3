package dev.mailvault.core.sort;

import java.util.ArrayList;
import java.util.List;

/**
 * Message-IDs as THREAD=REFERENCES compares them (RFC 5256 §3 REFERENCES step 1): the text between
 * angle brackets, without comments and white space, compared exactly (RFC 5322 §3.6.4 msg-id).
 */
public final class MessageIds {

  /** Longer IDs are not IDs a mailer wrote; they are ignored rather than stored. */
  static final int MAX_ID = 512;

  /** At most this many references are kept, the last ones (the closest ancestors). */
  static final int MAX_REFERENCES = 64;

  private MessageIds() {}

  /** The first valid msg-id of a Message-ID or In-Reply-To value, or empty. */
  public static String first(String headerValue) {
    List<String> ids = all(headerValue);
    return ids.isEmpty() ? "" : ids.get(0);
  }

  /**
   * Every valid msg-id of a References (or In-Reply-To) value, in order, at most the last {@link
   * #MAX_REFERENCES}. A valid one has a left and a right part around "@" (RFC 5322 §3.6.4); what is
   * not one is skipped, as RFC 5256 §3 asks ("ignoring invalid message-ids").
   */
  public static List<String> all(String headerValue) {
    List<String> ids = new ArrayList<>();
    if (headerValue == null) {
      return ids;
    }
    String value = withoutComments(headerValue);
    int i = 0;
    while (true) {
      int open = value.indexOf('<', i);
      if (open < 0) {
        break;
      }
      int close = value.indexOf('>', open + 1);
      if (close < 0) {
        break;
      }
      String id = stripWhitespace(value.substring(open + 1, close));
      int at = id.indexOf('@');
      if (at > 0 && at < id.length() - 1 && id.length() <= MAX_ID && id.indexOf('<') < 0) {
        ids.add(id);
      }
      i = close + 1;
    }
    return ids.size() > MAX_REFERENCES
        ? new ArrayList<>(ids.subList(ids.size() - MAX_REFERENCES, ids.size()))
        : ids;
  }

  /**
   * The references of a message for threading (RFC 5256 §3 step 1.A): its References, or, when
   * those name no valid message, the first valid msg-id of In-Reply-To.
   */
  public static List<String> parents(String references, String inReplyTo) {
    List<String> refs = all(references);
    if (refs.isEmpty()) {
      String first = first(inReplyTo);
      if (!first.isEmpty()) {
        refs.add(first);
      }
    }
    return refs;
  }

  private static String withoutComments(String value) {
    if (value.indexOf('(') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' && depth == 0) {
        quoted = !quoted;
      } else if (c == '(' && !quoted) {
        depth++;
        continue;
      } else if (c == ')' && !quoted && depth > 0) {
        depth--;
        continue;
      }
      if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String stripWhitespace(String id) {
    StringBuilder out = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
