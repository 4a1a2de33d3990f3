package dev.mailvault.server.web.console;

import dev.mailvault.server.web.Templates;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import dev.mailvault.server.web.WebResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the console's pages share: rendering, bounded input, sizes and times for people. */
final class ConsolePages {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ConsolePages() {}

  static WebResponse render(int status, String template, Map<String, Object> params) {
    return WebResponse.html(status, Templates.render(template, params));
  }

  /**
   * A form field or query parameter, trimmed, at most {@code max} characters (checked before it is
   * used); empty when absent or blank.
   */
  static Optional<String> field(Optional<String> raw, int max) throws WebException {
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String value = raw.get().trim();
    if (value.length() > max) {
      throw WebException.badRequest("a field is longer than " + max + " characters");
    }
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  static Optional<String> form(WebRequest request, String name, int max) throws WebException {
    return field(request.form(name), max);
  }

  static Optional<String> query(WebRequest request, String name, int max) throws WebException {
    return field(request.query(name), max);
  }

  /** Whether a confirmation checkbox was ticked. */
  static boolean confirmed(WebRequest request) {
    return "yes".equals(request.form("confirm").orElse(""));
  }

  /** 1536 B, 12.0 KiB, 3.4 MiB, ... */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }
}
