package dev.mailvault.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

  @Test
  void oneIpv6Slash64IsOneClientAndIpv4AddressesAreEach() throws Exception {
    ConnectionLimiter limiter = new ConnectionLimiter(1);
    assertThat(limiter.acquire(InetAddress.getByName("2001:db8:5:6::1"))).isTrue();
    assertThat(limiter.acquire(InetAddress.getByName("2001:db8:5:6:abcd::2"))).isFalse();
    assertThat(limiter.acquire(InetAddress.getByName("2001:db8:5:7::1"))).isTrue();
    limiter.release(InetAddress.getByName("2001:db8:5:6::1"));
    assertThat(limiter.acquire(InetAddress.getByName("2001:db8:5:6::99"))).isTrue();
    assertThat(limiter.acquire(InetAddress.getByName("192.0.2.1"))).isTrue();
    assertThat(limiter.acquire(InetAddress.getByName("192.0.2.2"))).isTrue();
  }
}
