package dev.mailvault.server.dns;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tag list as DKIM (RFC 6376 §3.2), DMARC (RFC 7489 §6.4), MTA-STS (RFC 8461 §3.1) and TLS-RPT
 * (RFC 8460 §3) records write it: {@code tag=value} pairs separated by semicolons.
 */
final class TxtTags {

  private TxtTags() {}

  /** Tag names lower-cased; values with their folding white space removed (RFC 6376 §3.2). */
  static Map<String, String> parse(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        tags.putIfAbsent(
            part.substring(0, eq).trim().toLowerCase(Locale.ROOT),
            part.substring(eq + 1).replaceAll("\\s+", ""));
      }
    }
    return tags;
  }

  /** Whether {@code text} starts with the version tag {@code v=version}, as each of them must. */
  static boolean hasVersion(String text, String version) {
    return version.equalsIgnoreCase(parse(text).get("v"))
        && text.trim().toLowerCase(Locale.ROOT).startsWith("v=");
  }
}
