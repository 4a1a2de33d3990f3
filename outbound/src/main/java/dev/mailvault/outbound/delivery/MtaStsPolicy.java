package dev.mailvault.outbound.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An MTA-STS policy (RFC 8461 §3.2): its mode, the MX host patterns it allows and how long it may
 * be cached. Parsing does no I/O.
 *
 * @param mode enforce, testing or none
 * @param mxPatterns the {@code mx:} values, lower case: a name, or {@code *.} and a name
 * @param maxAge the {@code max_age}, at most a year (RFC 8461 §3.2)
 */
record MtaStsPolicy(Mode mode, List<String> mxPatterns, Duration maxAge) {

  /** RFC 8461 §5: what a policy asks of a sender. */
  enum Mode {
    ENFORCE,
    TESTING,
    NONE
  }

  private static final long MAX_AGE_LIMIT = 31_557_600;

  MtaStsPolicy {
    mxPatterns = List.copyOf(mxPatterns);
  }

  /** The policy in {@code body}, or empty when it is not a valid STSv1 policy (§3.2). */
  static Optional<MtaStsPolicy> parse(String body) {
    String version = null;
    Mode mode = null;
    Long maxAge = null;
    List<String> mx = new ArrayList<>();
    for (String rawLine : body.split("\r?\n")) {
      int colon = rawLine.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = rawLine.substring(0, colon).trim();
      String value = rawLine.substring(colon + 1).trim();
      switch (key) {
        case "version" -> version = value;
        case "mode" -> mode = mode(value);
        case "max_age" -> maxAge = maxAge(value);
        case "mx" -> mx.add(value.toLowerCase(Locale.ROOT));
        default -> {
          // §3.2: unknown fields are ignored.
        }
      }
    }
    if (!"STSv1".equals(version) || mode == null || maxAge == null) {
      return Optional.empty();
    }
    if (mode != Mode.NONE && mx.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MtaStsPolicy(mode, mx, Duration.ofSeconds(maxAge)));
  }

  private static Mode mode(String value) {
    return switch (value) {
      case "enforce" -> Mode.ENFORCE;
      case "testing" -> Mode.TESTING;
      case "none" -> Mode.NONE;
      default -> null;
    };
  }

  private static Long maxAge(String value) {
    if (!value.matches("[0-9]{1,10}")) {
      return null;
    }
    return Math.min(Long.parseLong(value), MAX_AGE_LIMIT);
  }

  /** RFC 8461 §4.1: whether the MX host {@code hostName} is one the policy names. */
  boolean allows(String hostName) {
    String host = hostName.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    for (String pattern : mxPatterns) {
      if (pattern.equals(host)) {
        return true;
      }
      // A wildcard stands for exactly one left-most label.
      int dot = host.indexOf('.');
      if (pattern.startsWith("*.")
          && dot > 0
          && host.substring(dot + 1).equals(pattern.substring(2))) {
        return true;
      }
    }
    return false;
  }
}
