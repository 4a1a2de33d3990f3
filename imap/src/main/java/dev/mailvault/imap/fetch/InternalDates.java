package dev.mailvault.imap.fetch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * INTERNALDATE in the date-time form of RFC 9051 §9: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"}, day
 * padded with a space, English month names whatever the JVM's locale, in UTC (the vault keeps the
 * instant, not the zone it arrived in).
 */
final class InternalDates {

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private InternalDates() {}

  /** The quoted date-time, quotes included. */
  static String format(Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    // RFC 9051 §9: date-day-fixed = (SP DIGIT) / 2DIGIT
    return String.format(
        Locale.ROOT,
        "\"%2d-%s-%04d %02d:%02d:%02d +0000\"",
        t.getDayOfMonth(),
        MONTHS[t.getMonthValue() - 1],
        t.getYear(),
        t.getHour(),
        t.getMinute(),
        t.getSecond());
  }
}
