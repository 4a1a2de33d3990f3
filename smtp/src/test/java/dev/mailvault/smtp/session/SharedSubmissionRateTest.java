package dev.mailvault.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly count shared by two front-ends over one directory file (ADR 0282): messages accepted
 * on either count against the alias on both.
 */
class SharedSubmissionRateTest {

  @TempDir Path data;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void messagesOnEitherFrontEndCountOnBothAndTheHourSlides() throws Exception {
    EmailAddress alice = EmailAddress.parse("alice@example.com");
    EmailAddress bob = EmailAddress.parse("bob@example.com");
    try (Directory one = SqliteDirectory.open(data, Optional.empty());
        Directory two = SqliteDirectory.open(data, Optional.empty())) {
      HourlyRate a = new SharedSubmissionRate(one.loginThrottleState(), 4, clock);
      HourlyRate b = new SharedSubmissionRate(two.loginThrottleState(), 4, clock);

      a.count(alice);
      b.count(alice);
      a.count(alice);
      assertThat(b.allows(alice)).isTrue();
      b.count(alice);
      assertThat(a.allows(alice)).isFalse();
      assertThat(b.allows(alice)).isFalse();
      assertThat(a.allows(bob)).isTrue();

      // 45 minutes into the next hour a quarter of the last hour's four still counts: one.
      clock.advance(Duration.ofMinutes(60 + 45));
      assertThat(b.allows(alice)).isTrue();
      a.count(alice);
      b.count(alice);
      a.count(alice);
      assertThat(b.allows(alice)).isFalse();

      // Two hours on, nothing counts.
      clock.advance(Duration.ofHours(2));
      assertThat(a.allows(alice)).isTrue();
    }
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain("alice@example.com");
      }
    }
  }
}
