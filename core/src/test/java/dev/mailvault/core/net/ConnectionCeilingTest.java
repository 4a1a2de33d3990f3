package dev.mailvault.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionCeilingTest {

  @Test
  void refusesPastTheLimitAndFreesASlotOnRelease() {
    ConnectionCeiling ceiling = new ConnectionCeiling(2);
    assertThat(ceiling.tryAcquire()).isTrue();
    assertThat(ceiling.tryAcquire()).isTrue();
    assertThat(ceiling.tryAcquire()).isFalse();
    assertThat(ceiling.open()).isEqualTo(2);
    ceiling.release();
    assertThat(ceiling.tryAcquire()).isTrue();
  }
}
