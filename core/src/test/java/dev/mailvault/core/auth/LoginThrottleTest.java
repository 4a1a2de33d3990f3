package dev.mailvault.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final LoginThrottle throttle =
      new LoginThrottle(
          new LoginThrottle.Policy(
              Duration.ofMillis(500),
              Duration.ofSeconds(8),
              Duration.ofMinutes(15),
              5,
              8,
              Duration.ofMinutes(15)),
          clock);

  @Test
  void theDelayDoublesWithEachFailureUpToTheMaximum() {
    assertThat(throttle.failed("192.0.2.1", "a@example.com")).isEqualTo(Duration.ofMillis(500));
    assertThat(throttle.failed("192.0.2.1", "a@example.com")).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.failed("192.0.2.1", "a@example.com")).isEqualTo(Duration.ofSeconds(2));
    assertThat(throttle.failed("192.0.2.1", "a@example.com")).isEqualTo(Duration.ofSeconds(4));
    assertThat(throttle.failed("192.0.2.1", "a@example.com")).isEqualTo(Duration.ofSeconds(8));
    assertThat(throttle.failed("192.0.2.1", "a@example.com")).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void anAddressIsBlockedAfterItsThresholdWhateverLoginItTries() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("192.0.2.1", "user" + i + "@example.com");
    }
    assertThat(throttle.isBlocked("192.0.2.1", "someone@example.com")).isFalse();
    throttle.failed("192.0.2.1", "user4@example.com");
    assertThat(throttle.isBlocked("192.0.2.1", "someone@example.com")).isTrue();
    assertThat(throttle.isBlocked("192.0.2.2", "someone@example.com")).isFalse();
    clock.advance(Duration.ofMinutes(16));
    assertThat(throttle.isBlocked("192.0.2.1", "someone@example.com")).isFalse();
  }

  @Test
  void aLoginIsBlockedAfterItsThresholdFromAnyAddressInAnyCase() {
    for (int i = 0; i < 8; i++) {
      throttle.failed("198.51.100." + i, i % 2 == 0 ? "a@example.com" : "A@Example.com");
    }
    assertThat(throttle.isBlocked("203.0.113.9", "a@EXAMPLE.com")).isTrue();
    assertThat(throttle.isBlocked("203.0.113.9", "b@example.com")).isFalse();
  }

  @Test
  void failuresFadeAfterTheWindowAndASuccessForgetsThem() {
    throttle.failed("192.0.2.1", "a@example.com");
    throttle.failed("192.0.2.1", "a@example.com");
    clock.advance(Duration.ofMinutes(16));
    assertThat(throttle.failed("192.0.2.1", "a@example.com")).isEqualTo(Duration.ofMillis(500));
    throttle.failed("192.0.2.1", "a@example.com");
    throttle.succeeded("192.0.2.1", "a@example.com");
    assertThat(throttle.failed("192.0.2.1", "a@example.com")).isEqualTo(Duration.ofMillis(500));
  }
}
