package dev.mailvault.outbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicAddressesTest {

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, false",
    "0.1.2.3, false",
    "10.0.0.1, false",
    "100.64.0.1, false",
    "100.127.255.254, false",
    "100.128.0.1, true",
    "127.0.0.1, false",
    "127.8.9.10, false",
    "169.254.169.254, false",
    "172.16.0.1, false",
    "172.31.255.255, false",
    "172.32.0.1, true",
    "192.0.0.8, false",
    "192.0.2.1, false",
    "192.168.1.1, false",
    "198.18.0.1, false",
    "198.51.100.7, false",
    "203.0.113.9, false",
    "224.0.0.1, false",
    "240.0.0.1, false",
    "255.255.255.255, false",
    "1.1.1.1, true",
    "93.184.216.34, true",
    "::, false",
    "::1, false",
    "::127.0.0.1, false",
    "::ffff:10.1.2.3, false",
    "::ffff:8.8.8.8, true",
    "64:ff9b::7f00:1, false",
    "64:ff9b::808:808, true",
    "2002:c0a8:0101::1, false",
    "2002:0808:0808::1, true",
    "fc00::1, false",
    "fd12:3456::1, false",
    "fe80::1, false",
    "fec0::1, false",
    "ff02::1, false",
    "2001:db8::1, false",
    "2606:4700:4700::1111, true"
  })
  void onlyGloballyRoutableAddressesArePublic(String literal, boolean expected) throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal)))
        .as(literal)
        .isEqualTo(expected);
  }
}
