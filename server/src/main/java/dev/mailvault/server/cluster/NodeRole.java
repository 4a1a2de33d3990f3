package dev.mailvault.server.cluster;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.util.Locale;

/** What one process runs (DESIGN §2, setting {@code role}). */
public enum NodeRole {
  /** Every role in one process: the default, with the embedded directory. */
  ALL,
  /** The client listeners; mail is reached on the primaries over the cluster's RPC. */
  FRONTEND,
  /** Vaults, spools and the outbound queue, served to front-ends; no client listener. */
  PRIMARY;

  public static NodeRole of(Settings settings) throws ConfigException {
    String value = settings.get(Setting.ROLE).trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "all":
        return ALL;
      case "frontend":
        return FRONTEND;
      case "primary":
        return PRIMARY;
      default:
        throw new ConfigException(
            settings.origin(Setting.ROLE)
                + " must be all, frontend or primary, not '"
                + settings.get(Setting.ROLE)
                + "'");
    }
  }

  /** Whether this role opens vaults, spools and the queue. */
  public boolean storesMail() {
    return this != FRONTEND;
  }

  /** Whether this role runs IMAP, POP3, SMTP, submission and ManageSieve. */
  public boolean servesClients() {
    return this != PRIMARY;
  }
}
