package dev.mailvault.server;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The proxies whose PROXY protocol headers a listener believes (ADR 0173), from a setting. */
final class TrustedProxies {

  /** IP literals only: a name would be looked up at start and could change behind our back. */
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private TrustedProxies() {}

  static Set<InetAddress> from(Settings settings, Setting setting) throws ConfigException {
    String raw = settings.get(setting);
    Set<InetAddress> proxies = new LinkedHashSet<>();
    if (raw == null || raw.isBlank()) {
      return Set.of();
    }
    for (String part : raw.split(",")) {
      String address = part.trim();
      if (!IP_LITERAL.matcher(address).matches()) {
        throw invalid(setting, address);
      }
      try {
        proxies.add(InetAddress.getByName(address));
      } catch (UnknownHostException e) {
        throw invalid(setting, address);
      }
    }
    return Set.copyOf(proxies);
  }

  private static ConfigException invalid(Setting setting, String address) {
    return new ConfigException(
        setting.env() + " must list IP addresses separated by commas, not '" + address + "'");
  }
}
