package dev.mailvault.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-alias hourly count (ADR 0204): a sliding hour, per alias, on an injected clock. */
class SubmissionRateTest {

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void eachAliasHasItsOwnSlidingHour() throws Exception {
    MovingClock clock = new MovingClock();
    SubmissionRate rate = new SubmissionRate(2, clock);
    EmailAddress alice = EmailAddress.parse("alice@example.com");
    EmailAddress bob = EmailAddress.parse("bob@example.com");

    rate.count(alice);
    clock.advance(Duration.ofMinutes(30));
    rate.count(alice);
    assertThat(rate.allows(alice)).isFalse();
    assertThat(rate.allows(EmailAddress.parse("ALICE@example.com"))).isFalse();
    assertThat(rate.allows(bob)).isTrue();

    // The first message leaves the window an hour after it was counted, the second not yet.
    clock.advance(Duration.ofMinutes(30));
    assertThat(rate.allows(alice)).isTrue();
    rate.count(alice);
    assertThat(rate.allows(alice)).isFalse();
  }
}
