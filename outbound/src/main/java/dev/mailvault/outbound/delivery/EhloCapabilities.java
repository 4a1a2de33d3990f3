package dev.mailvault.outbound.delivery;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** The service extensions a next hop announced in its EHLO reply (RFC 5321 §4.1.1.1). */
final class EhloCapabilities {

  private final Map<String, String> keywords;

  private EhloCapabilities(Map<String, String> keywords) {
    this.keywords = keywords;
  }

  /** None: the server answered HELO, or EHLO failed (RFC 5321 §3.2). */
  static EhloCapabilities none() {
    return new EhloCapabilities(Map.of());
  }

  /** From an EHLO reply: every line after the first is a keyword and its parameters. */
  static EhloCapabilities parse(SmtpReply ehlo) {
    Map<String, String> keywords = new TreeMap<>();
    for (int i = 1; i < ehlo.lines().size(); i++) {
      String line = ehlo.lines().get(i).trim();
      int space = line.indexOf(' ');
      String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
      keywords.put(keyword, space < 0 ? "" : line.substring(space + 1).trim());
    }
    return new EhloCapabilities(keywords);
  }

  boolean has(String keyword) {
    return keywords.containsKey(keyword);
  }

  /** RFC 1870 §4: the SIZE limit, when announced and not 0 (no limit). */
  OptionalLong sizeLimit() {
    String value = keywords.get("SIZE");
    if (value == null || value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long limit = Long.parseLong(value);
      return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
