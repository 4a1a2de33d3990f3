package dev.mailvault.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientNetworkTest {

  private static ClientNetwork of(String address) throws Exception {
    return ClientNetwork.of(InetAddress.getByName(address));
  }

  @Test
  void anIpv4AddressIsItsOwnNetwork() throws Exception {
    assertThat(of("203.0.113.9")).isEqualTo(of("203.0.113.9"));
    assertThat(of("203.0.113.9")).isNotEqualTo(of("203.0.113.10"));
    assertThat(of("203.0.113.9")).hasToString("203.0.113.9/32");
  }

  @Test
  void ipv6AddressesAreGroupedByTheirSlash64() throws Exception {
    ClientNetwork one = of("2001:db8:aa:bb::1");
    assertThat(of("2001:db8:aa:bb:1234:5678:9abc:def0")).isEqualTo(one);
    assertThat(of("2001:db8:aa:bb:1234:5678:9abc:def0").hashCode()).isEqualTo(one.hashCode());
    assertThat(of("2001:db8:aa:bc::1")).isNotEqualTo(one);
    assertThat(one).hasToString("2001:db8:aa:bb:0:0:0:0/64");
  }

  @Test
  void anIpv4MappedIpv6AddressIsTheIpv4Address() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 203;
    mapped[15] = 9;
    InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, null);
    assertThat(ClientNetwork.of(v6)).isEqualTo(of("203.0.0.9"));
  }
}
