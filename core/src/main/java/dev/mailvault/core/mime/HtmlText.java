package dev.mailvault.core.mime;

import java.util.Locale;

/**
 * A rough HTML-to-text conversion for search text and previews; not a renderer. One linear pass:
 * tags are dropped, the content of script, style and head elements too, and the common entities are
 * replaced. Unterminated markup ends the text, so no input costs more than linear time.
 */
final class HtmlText {

  private HtmlText() {}

  static String toText(String html) {
    StringBuilder out = new StringBuilder(html.length() / 2);
    String lower = html.toLowerCase(Locale.ROOT);
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c != '<') {
        out.append(c);
        i++;
        continue;
      }
      int close = html.indexOf('>', i + 1);
      if (close < 0) {
        break;
      }
      String hidden = hiddenElement(lower, i + 1);
      i = close + 1;
      if (hidden != null) {
        int end = lower.indexOf("</" + hidden, i);
        if (end < 0) {
          break;
        }
        int endClose = html.indexOf('>', end);
        i = endClose < 0 ? n : endClose + 1;
      }
      out.append(' ');
    }
    return entities(out.toString());
  }

  private static String hiddenElement(String lower, int nameStart) {
    for (String name : new String[] {"script", "style", "head"}) {
      if (lower.startsWith(name, nameStart)) {
        int after = nameStart + name.length();
        char next = after < lower.length() ? lower.charAt(after) : '>';
        if (next == '>'
            || next == ' '
            || next == '\t'
            || next == '\r'
            || next == '\n'
            || next == '/') {
          return name;
        }
      }
    }
    return null;
  }

  private static String entities(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    return text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
