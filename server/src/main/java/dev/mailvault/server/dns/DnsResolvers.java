package dev.mailvault.server.dns;

import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.util.ArrayList;
import java.util.List;

/** The DNS client the {@code dns.resolvers} setting describes. */
public final class DnsResolvers {

  private DnsResolvers() {}

  /**
   * A client of the configured resolvers, or of the system's when the setting is empty, that keeps
   * answers for their TTL (the queue asks for the same MX for every message to a domain).
   *
   * @throws ConfigException naming the setting and the entry when an entry is not {@code IP[:port]}
   */
  public static DnsClient client(Settings settings) throws ConfigException {
    String raw = settings.get(Setting.DNS_RESOLVERS);
    if (raw == null || raw.isBlank()) {
      return DnsClient.system().cached(System::nanoTime);
    }
    List<String> servers = new ArrayList<>();
    for (String part : raw.split(",")) {
      String server = part.trim();
      if (server.isEmpty()) {
        continue;
      }
      try {
        // Each entry alone, so the error names the one that is wrong.
        DnsClient.of(List.of(server));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            settings.origin(Setting.DNS_RESOLVERS)
                + " must list IP[:port] entries separated by commas ([IPv6]:port with a port),"
                + " not '"
                + server
                + "'");
      }
      servers.add(server);
    }
    return DnsClient.of(servers).cached(System::nanoTime);
  }
}
