package dev.mailvault.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadPaceTest {

  private static final long SECOND = 1_000_000_000L;
  private final ReadPace pace = new ReadPace(new ReadPace.Policy(100, Duration.ofSeconds(10)));

  @Test
  void aSlowUnitIsJudgedOnlyAfterItsGracePeriod() {
    pace.received(1, 0);
    pace.received(1, 5 * SECOND);
    assertThat(pace.tooSlow(9 * SECOND)).isFalse();
    assertThat(pace.tooSlow(10 * SECOND)).isTrue();
  }

  @Test
  void aUnitAtTheMinimumRateIsNotTooSlow() {
    pace.received(1000, 0);
    assertThat(pace.tooSlow(10 * SECOND)).isFalse();
    assertThat(pace.tooSlow(11 * SECOND)).isTrue();
  }

  @Test
  void aFinishedUnitIsNeverTooSlowAndTheNextStartsAfresh() {
    pace.received(1, 0);
    pace.finished();
    assertThat(pace.tooSlow(60 * SECOND)).isFalse();
    pace.received(1, 60 * SECOND);
    assertThat(pace.inProgress()).isTrue();
    assertThat(pace.tooSlow(65 * SECOND)).isFalse();
    assertThat(pace.tooSlow(70 * SECOND)).isTrue();
  }

  @Test
  void aRestartForgivesTheTimeBefore() {
    pace.received(1, 0);
    pace.restart(20 * SECOND);
    assertThat(pace.tooSlow(25 * SECOND)).isFalse();
  }

  @Test
  void theRuleCanBeTurnedOff() {
    ReadPace off = new ReadPace(ReadPace.Policy.OFF);
    off.received(1, 0);
    assertThat(off.tooSlow(Long.MAX_VALUE / 2)).isFalse();
  }
}
