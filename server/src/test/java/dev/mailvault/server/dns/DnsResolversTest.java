package dev.mailvault.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.mailauth.dns.DnsAnswer;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** The {@code dns.resolvers} setting: the servers asked, and one readable line for a bad entry. */
class DnsResolversTest {

  @TempDir Path work;

  private static Settings withResolvers(String value) throws ConfigException {
    return Settings.resolve(Map.of(), Map.of("MAILVAULT_DNS_RESOLVERS", value), null);
  }

  @Test
  void theConfiguredServerIsTheOneAsked() throws Exception {
    try (DnsmasqZone zone = new DnsmasqZone().txt("hello.test", "from the zone").start(work)) {
      DnsAnswer answer =
          DnsResolvers.client(withResolvers(" " + zone.server() + " ,"))
              .query("hello.test", Type.TXT);
      assertThat(answer.records()).hasSize(1);
      assertThat(answer.records().get(0).rdataToString()).isEqualTo("\"from the zone\"");
    }
  }

  @Test
  void aBadEntryIsNamedWithTheSetting() {
    for (String bad : new String[] {"resolver.example", "127.0.0.1:0", "127.0.0.1:port", "[::1"}) {
      assertThatThrownBy(() -> DnsResolvers.client(withResolvers("127.0.0.1," + bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              "MAILVAULT_DNS_RESOLVERS must list IP[:port] entries separated by commas"
                  + " ([IPv6]:port with a port), not '"
                  + bad
                  + "'");
    }
  }

  @Test
  void emptyAndBracketedIpv6EntriesAreAccepted() throws Exception {
    assertThat(DnsResolvers.client(withResolvers(""))).isNotNull();
    assertThat(DnsResolvers.client(withResolvers("[::1]:5353,127.0.0.1:5353"))).isNotNull();
  }
}
