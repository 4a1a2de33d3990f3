package dev.mailvault.core.mime;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lenient reader of the Date header (RFC 5322 §3.3 date-time, with the obsolete forms of §4.3:
 * two-digit years, named zones, missing seconds, comments).
 */
final class MessageDates {

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private MessageDates() {}

  /** The instant the Date value names, or null when it cannot be read. */
  static Instant parse(String value) {
    OffsetDateTime written = parseWritten(value);
    return written == null ? null : written.toInstant();
  }

  /**
   * The Date value with the zone it was written in, or null when it cannot be read. SEARCH SENT*
   * compares its day, "disregarding time and timezone" (RFC 9051 §6.4.4).
   */
  static OffsetDateTime parseWritten(String value) {
    if (value == null) {
      return null;
    }
    List<String> tokens = tokens(value);
    int i = 0;
    if (i < tokens.size()
        && tokens.get(i).length() >= 3
        && Character.isLetter(tokens.get(i).charAt(0))
        && MONTHS.indexOf(tokens.get(i).substring(0, 3).toLowerCase(Locale.ROOT)) < 0) {
      i++; // day of week
    }
    try {
      int day;
      int month;
      if (i + 1 < tokens.size() && isNumber(tokens.get(i))) {
        day = Integer.parseInt(tokens.get(i));
        month = month(tokens.get(i + 1));
      } else if (i + 1 < tokens.size() && isNumber(tokens.get(i + 1))) {
        month = month(tokens.get(i));
        day = Integer.parseInt(tokens.get(i + 1));
      } else {
        return null;
      }
      i += 2;
      if (month < 0 || i >= tokens.size() || !isNumber(tokens.get(i))) {
        return null;
      }
      int year = year(tokens.get(i++));
      if (i >= tokens.size()) {
        return null;
      }
      String[] hms = tokens.get(i++).split(":");
      if (hms.length < 2 || hms.length > 3) {
        return null;
      }
      int hour = Integer.parseInt(hms[0]);
      int minute = Integer.parseInt(hms[1]);
      int second = hms.length == 3 ? Integer.parseInt(hms[2]) : 0;
      ZoneOffset zone = i < tokens.size() ? zone(tokens.get(i)) : ZoneOffset.UTC;
      return LocalDateTime.of(year, month + 1, day, hour, minute, Math.min(second, 59))
          .atOffset(zone);
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  private static List<String> tokens(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int comment = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '(') {
        comment++;
      } else if (c == ')' && comment > 0) {
        comment--;
      } else if (comment == 0) {
        if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') {
          if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
          }
        } else {
          cur.append(c);
        }
        continue;
      }
      if (cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int month(String s) {
    return s.length() < 3 ? -1 : MONTHS.indexOf(s.substring(0, 3).toLowerCase(Locale.ROOT));
  }

  // RFC 5322 §4.3: two-digit years are 19xx from 50 on, 20xx below; three-digit add 1900.
  private static int year(String s) {
    int y = Integer.parseInt(s);
    if (s.length() <= 2) {
      return y < 50 ? 2000 + y : 1900 + y;
    }
    if (s.length() == 3) {
      return 1900 + y;
    }
    return y;
  }

  private static ZoneOffset zone(String s) {
    if ((s.startsWith("+") || s.startsWith("-")) && s.length() == 5 && isNumber(s.substring(1))) {
      int hours = Integer.parseInt(s.substring(1, 3));
      int minutes = Integer.parseInt(s.substring(3, 5));
      int sign = s.charAt(0) == '-' ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(sign * Math.min(hours, 18), sign * Math.min(minutes, 59));
    }
    // RFC 5322 §4.3 obs-zone
    return switch (s.toUpperCase(Locale.ROOT)) {
      case "EDT" -> ZoneOffset.ofHours(-4);
      case "EST", "CDT" -> ZoneOffset.ofHours(-5);
      case "CST", "MDT" -> ZoneOffset.ofHours(-6);
      case "MST", "PDT" -> ZoneOffset.ofHours(-7);
      case "PST" -> ZoneOffset.ofHours(-8);
      default -> ZoneOffset.UTC;
    };
  }
}
