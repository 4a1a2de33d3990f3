package dev.mailvault.server.mail;

import dev.mailvault.server.config.Setting;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a node for one test: its data directory, every listener on 127.0.0.1 at a port
 * the system picks, and the checks of arriving mail kept off the machine's resolver ({@link
 * NoDns}). A test adds or replaces what it is about.
 */
public final class LoopbackNode {

  /** Every listener a node may open; each gets port 0. */
  private static final List<Setting> PORTS =
      List.of(
          Setting.HTTP_PORT,
          Setting.HTTPS_PORT,
          Setting.IMAP_PORT,
          Setting.IMAPS_PORT,
          Setting.POP3_PORT,
          Setting.POP3S_PORT,
          Setting.SUBMISSION_PORT,
          Setting.SUBMISSIONS_PORT,
          Setting.SMTP_PORT,
          Setting.MANAGESIEVE_PORT);

  private LoopbackNode() {}

  /** A mutable map, for {@code Settings.resolve(values, Map.of(), null)}. */
  public static Map<Setting, String> settings(Path data, String hostname) {
    Map<Setting, String> values = new HashMap<>();
    values.put(Setting.DATA, data.toString());
    values.put(Setting.BIND, "127.0.0.1");
    for (Setting port : PORTS) {
      values.put(port, "0");
    }
    values.put(Setting.SMTP_HOSTNAME, hostname);
    values.put(Setting.DNS_RESOLVERS, NoDns.RESOLVER);
    // No test asks an rspamd it did not start itself.
    values.put(Setting.SPAM_ENABLED, "false");
    return values;
  }
}
