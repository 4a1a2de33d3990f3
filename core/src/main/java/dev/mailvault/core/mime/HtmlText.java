package dev.mailvault.core.mime;

import java.util.regex.Pattern;

/** A rough HTML-to-text conversion for search text and previews; not a renderer. */
final class HtmlText {

  private static final Pattern INVISIBLE =
      Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private HtmlText() {}

  static String toText(String html) {
    String s = INVISIBLE.matcher(html).replaceAll(" ");
    s = TAG.matcher(s).replaceAll(" ");
    return s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
