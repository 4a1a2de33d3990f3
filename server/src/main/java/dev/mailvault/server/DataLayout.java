package dev.mailvault.server;

import dev.mailvault.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
      throw new ConfigException("cannot use data directory " + root + ": " + why(e));
    }
    if (!Files.isWritable(root)) {
      throw new ConfigException("cannot use data directory " + root + ": permission denied");
    }
    return layout;
  }

  /** The cause in words: the JDK's file exceptions carry only the path as their message. */
  private static String why(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return "not a directory: " + exists.getFile();
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT) + ": " + fs.getFile();
    }
    return e.getMessage();
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

  /** The Unix socket where a running {@code serve} takes admin commands (ADR 0125). */
  public Path adminSocket() {
    return root.resolve("admin.sock");
  }

  /** Null while the node can serve, otherwise what is wrong. */
  public String problem() {
    return Files.isWritable(root) ? null : "data directory is not writable";
  }
}
