package dev.mailvault.store.importer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes IMAP's modified UTF-7 (RFC 3501 §5.1.3), in which Dovecot and Courier spell Maildir++
 * folder names: {@code &} starts base64 of UTF-16BE with {@code ,} for {@code /}, {@code -} ends
 * it, {@code &-} is a literal {@code &}. A name that is not valid modified UTF-7 is kept as it is.
 */
final class ModifiedUtf7 {

  private ModifiedUtf7() {}

  static String decode(String name) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int end = name.indexOf('-', i + 1);
      if (end < 0) {
        return name;
      }
      if (end == i + 1) {
        out.append('&');
      } else {
        try {
          byte[] utf16 = Base64.getDecoder().decode(pad(name.substring(i + 1, end)));
          out.append(new String(utf16, StandardCharsets.UTF_16BE));
        } catch (IllegalArgumentException e) {
          return name;
        }
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static String pad(String b64) {
    String s = b64.replace(',', '/');
    return s + "=".repeat((4 - s.length() % 4) % 4);
  }
}
