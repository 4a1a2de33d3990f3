package dev.mailvault.server.cli;

import dev.mailvault.core.error.MailvaultException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code --at TIME}: an ISO-8601 time with offset ({@code 2026-11-23T10:00:00Z}, {@code
 * 2026-11-23T11:00+01:00}), a UTC date and time without one ({@code 2026-11-23T10:00}), a date
 * ({@code 2026-11-23}: the end of that UTC day), or a backup's name ({@code 20261123T100000000Z}).
 */
final class BackupTimes {

  private static final DateTimeFormatter KEY_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private BackupTimes() {}

  static Instant parse(String text) throws MailvaultException {
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      // try the next form
    }
    try {
      return LocalDate.parse(t).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    } catch (DateTimeParseException notDate) {
      // try the next form
    }
    try {
      return Instant.from(KEY_TIME.parse(t));
    } catch (DateTimeParseException e) {
      throw new MailvaultException(
          "'" + text + "' is not a time; use e.g. 2026-11-23T10:00:00Z or 2026-11-23");
    }
  }
}
