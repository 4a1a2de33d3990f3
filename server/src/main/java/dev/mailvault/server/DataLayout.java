package dev.mailvault.server;

import dev.mailvault.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things live under the data directory. File names carry random ids only, never an address
 * (DESIGN §1.1).
 *
 * @param root the data directory
 */
public record DataLayout(Path root) {

  /** Creates the directory tree if needed and checks that it is usable. */
  public static DataLayout open(Path root) throws ConfigException {
    DataLayout layout = new DataLayout(root);
    try {
      Files.createDirectories(layout.vaults());
      Files.createDirectories(layout.spool());
    } catch (IOException e) {
      throw new ConfigException("cannot use data directory " + root + ": " + e.getMessage());
    }
    if (!Files.isWritable(root)) {
      throw new ConfigException("data directory " + root + " is not writable");
    }
    return layout;
  }

  /** The directory database (domains, aliases, wrapped keys, quotas). */
  public Path directoryFile() {
    return root.resolve("directory.sqlite");
  }

  /** One encrypted SQLite file per alias, named by its vault id. */
  public Path vaults() {
    return root.resolve("vaults");
  }

  /** One folder per alias, named by its vault id, holding sealed messages (DESIGN §5). */
  public Path spool() {
    return root.resolve("spool");
  }

  /** The generated self-signed TLS certificate and its key, when none is configured. */
  public Path tls() {
    return root.resolve("tls");
  }

  /** Backups when no other target is configured: {@code <data>/backups}. */
  public Path backups() {
    return root.resolve("backups");
  }

  /**
   * Temporary encrypted copies while a backup is made or restored; on the vaults' file system so a
   * restored file is renamed into place atomically.
   */
  public Path backupStaging() {
    return root.resolve("staging");
  }

  /**
   * Unfinished literals and messages past the spill threshold, sealed under keys held in memory
   * only; emptied at every start (ADR 0165).
   */
  public Path temp() {
    return root.resolve("temp");
  }

  /** The Unix socket where a running {@code serve} takes admin commands (ADR 0125). */
  public Path adminSocket() {
    return root.resolve("admin.sock");
  }

  /** Null while the node can serve, otherwise what is wrong. */
  public String problem() {
    return Files.isWritable(root) ? null : "data directory is not writable";
  }
}
