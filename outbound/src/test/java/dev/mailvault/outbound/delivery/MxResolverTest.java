package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.mailauth.testing.DnsmasqZone;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 5321 §5.1 host order, implicit MX and RFC 7505 null MX, against dnsmasq. */
class MxResolverTest {

  @TempDir static Path directory;

  private static DnsmasqZone zone;

  @BeforeAll
  static void startZone() throws Exception {
    zone =
        new DnsmasqZone()
            .mx("order.test", "c.order.test", 30)
            .mx("order.test", "a.order.test", 10)
            .mx("order.test", "b1.order.test", 20)
            .mx("order.test", "b2.order.test", 20)
            .mx("order.test", "noaddress.order.test", 5)
            .host("a.order.test", "127.0.0.11", "::1")
            .host("b1.order.test", "127.0.0.12")
            .host("b2.order.test", "127.0.0.13")
            .host("c.order.test", "127.0.0.14")
            .host("implicit.test", "127.0.0.15")
            .mx("nowhere.test", "nothing.nowhere.test", 10)
            .nullMx("nomail.test")
            .start(directory);
  }

  @AfterAll
  static void stopZone() throws Exception {
    if (zone != null) {
      zone.close();
    }
  }

  @Test
  void hostsComeByPreferenceEachWithItsIpv4AndIpv6Addresses() throws Exception {
    List<MxHost> hosts = new MxResolver(zone.client(), new Random(1)).resolve("order.test");

    assertThat(hosts).extracting(MxHost::name).first().isEqualTo("a.order.test");
    assertThat(hosts).extracting(MxHost::name).last().isEqualTo("c.order.test");
    assertThat(hosts.subList(1, 3))
        .extracting(MxHost::name)
        .containsExactlyInAnyOrder("b1.order.test", "b2.order.test");
    assertThat(hosts.get(0).addresses())
        .containsExactly(InetAddress.getByName("127.0.0.11"), InetAddress.getByName("::1"));
  }

  @Test
  void equalPreferencesComeInRandomOrder() throws Exception {
    Set<String> seconds = new HashSet<>();
    for (int seed = 0; seed < 40; seed++) {
      seconds.add(
          new MxResolver(zone.client(), new Random(seed)).resolve("order.test").get(1).name());
    }
    assertThat(seconds).containsExactlyInAnyOrder("b1.order.test", "b2.order.test");
  }

  @Test
  void aDomainWithoutMxIsItsOwnHost() throws Exception {
    assertThat(new MxResolver(zone.client(), new Random(1)).resolve("implicit.test"))
        .singleElement()
        .satisfies(h -> assertThat(h.name()).isEqualTo("implicit.test"));
  }

  @Test
  void failuresSayWhetherToTryAgain() {
    MxResolver resolver = new MxResolver(zone.client(), new Random(1));

    assertThatThrownBy(() -> resolver.resolve("nomail.test"))
        .isInstanceOfSatisfying(
            DeliveryFailure.class, f -> assertThat(f.status()).isEqualTo("5.1.10"));
    assertThatThrownBy(() -> resolver.resolve("missing.test"))
        .isInstanceOfSatisfying(
            DeliveryFailure.class, f -> assertThat(f.status()).isEqualTo("5.1.2"));
    assertThatThrownBy(() -> resolver.resolve("nowhere.test"))
        .isInstanceOfSatisfying(
            DeliveryFailure.class, f -> assertThat(f.status()).isEqualTo("4.4.3"));
    // Outside .test the zone answers REFUSED: DNS could not say.
    assertThatThrownBy(() -> resolver.resolve("example.org"))
        .isInstanceOfSatisfying(
            DeliveryFailure.class, f -> assertThat(f.status()).isEqualTo("4.4.3"));
  }
}
