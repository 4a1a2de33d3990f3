package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** At most N connections per destination domain; other domains are not held back. */
class DomainConnectionLimitTest {

  @Test
  void theThirdConnectionToADomainWaitsForAFreeSlot() throws Exception {
    DomainConnectionLimit limit = new DomainConnectionLimit(2);

    DomainConnectionLimit.Slot first = limit.acquire("example.test", Duration.ZERO);
    DomainConnectionLimit.Slot second = limit.acquire("EXAMPLE.test", Duration.ZERO);

    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(limit.acquire("example.test", Duration.ZERO)).isNull();
    assertThat(limit.acquire("other.test", Duration.ZERO)).isNotNull();
    first.close();
    assertThat(limit.acquire("example.test", Duration.ZERO)).isNotNull();
  }
}
