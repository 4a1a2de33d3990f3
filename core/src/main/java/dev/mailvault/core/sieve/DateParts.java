package dev.mailvault.core.sieve;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The date parts of RFC 5260 §4.2, as strings to compare. */
final class DateParts {

  private static final LocalDate MJD_EPOCH = LocalDate.of(1858, 11, 17);
  private static final DateTimeFormatter STD11 =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss xx", Locale.ROOT);

  private DateParts() {}

  static String part(OffsetDateTime t, String part) {
    return switch (part.toLowerCase(Locale.ROOT)) {
      case "year" -> four(t.getYear());
      case "month" -> two(t.getMonthValue());
      case "day" -> two(t.getDayOfMonth());
      case "date" ->
          four(t.getYear()) + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth());
      // The Modified Julian Day: days since 1858-11-17.
      case "julian" -> Long.toString(ChronoUnit.DAYS.between(MJD_EPOCH, t.toLocalDate()));
      case "hour" -> two(t.getHour());
      case "minute" -> two(t.getMinute());
      case "second" -> two(t.getSecond());
      case "time" -> two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
      case "iso8601" -> t.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      case "std11" -> t.format(STD11);
      case "zone" -> zone(t);
      // 0 is Sunday.
      case "weekday" -> Integer.toString(t.getDayOfWeek().getValue() % 7);
      default -> null;
    };
  }

  private static String zone(OffsetDateTime t) {
    int seconds = t.getOffset().getTotalSeconds();
    int minutes = Math.abs(seconds) / 60;
    return (seconds < 0 ? "-" : "+") + two(minutes / 60) + two(minutes % 60);
  }

  // Per message and per date test: String.format's parsing and locale look-ups cost more than the
  // rest of the test.
  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private static String four(int v) {
    if (v < 0 || v > 9999) {
      return Integer.toString(v);
    }
    String digits = Integer.toString(v);
    return "0000".substring(digits.length()) + digits;
  }
}
