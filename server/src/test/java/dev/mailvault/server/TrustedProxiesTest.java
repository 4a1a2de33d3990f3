package dev.mailvault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedProxiesTest {

  @TempDir Path data;

  private Settings with(String proxies) throws Exception {
    return Settings.resolve(
        Map.of(Setting.DATA, data.toString(), Setting.IMAP_PROXY_PROTOCOL, proxies),
        Map.of(),
        null);
  }

  @Test
  void offByDefault() throws Exception {
    Settings settings = Settings.resolve(Map.of(Setting.DATA, data.toString()), Map.of(), null);
    assertThat(TrustedProxies.from(settings, Setting.IMAP_PROXY_PROTOCOL)).isEmpty();
  }

  @Test
  void aListOfIpv4AndIpv6Addresses() throws Exception {
    assertThat(TrustedProxies.from(with("10.0.0.5, 2001:db8::7"), Setting.IMAP_PROXY_PROTOCOL))
        .containsExactlyInAnyOrder(
            InetAddress.getByName("10.0.0.5"), InetAddress.getByName("2001:db8::7"));
  }

  @Test
  void aHostNameIsRefusedByTheSettingsName() {
    assertThatThrownBy(
            () -> TrustedProxies.from(with("proxy.example.net"), Setting.IMAP_PROXY_PROTOCOL))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "MAILVAULT_IMAP_PROXY_PROTOCOL must list IP addresses separated by commas, not"
                + " 'proxy.example.net'");
  }
}
