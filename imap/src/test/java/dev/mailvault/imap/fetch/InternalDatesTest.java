package dev.mailvault.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InternalDatesTest {

  @Test
  void dateTimeOfRfc9051() {
    assertThat(InternalDates.format(Instant.parse("1996-07-17T09:44:25Z")))
        .isEqualTo("\"17-Jul-1996 09:44:25 +0000\"");
    // date-day-fixed: a single-digit day is padded with a space.
    assertThat(InternalDates.format(Instant.parse("2025-12-01T00:00:00Z")))
        .isEqualTo("\" 1-Dec-2025 00:00:00 +0000\"");
  }

  @Test
  void englishWhateverTheLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("ar-EG"));
      assertThat(InternalDates.format(Instant.parse("2024-02-29T23:59:59Z")))
          .isEqualTo("\"29-Feb-2024 23:59:59 +0000\"");
    } finally {
      Locale.setDefault(saved);
    }
  }
}
