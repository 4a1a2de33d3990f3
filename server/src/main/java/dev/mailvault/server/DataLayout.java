package dev.mailvault.server;

import dev.mailvault.core.fs.OwnerOnly;
import dev.mailvault.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where things live under the data directory. File names carry random ids only, never an address
 * (DESIGN §1.1).
 *
 * @param root the data directory
 */
public record DataLayout(Path root) {

  private static final Logger LOG = LoggerFactory.getLogger(DataLayout.class);

  /**
   * Creates the directory tree if needed, owner-only, narrows what an earlier version or another
   * tool left readable by others (ADR 0179), and checks that it is usable.
   */
  public static DataLayout open(Path root) throws ConfigException {
    DataLayout layout = new DataLayout(root);
    try {
      OwnerOnly.createDirectories(layout.vaults());
      OwnerOnly.createDirectories(layout.spool());
      int narrowed = OwnerOnly.restrictTree(root);
      if (narrowed > 0) {
        LOG.warn(
            "data directory {}: {} files and directories were readable by other users; now"
                + " owner-only (0700 directories, 0600 files)",
            root,
            narrowed);
      }
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

  /** The cluster CA's key and certificate, on the node that ran {@code cluster init} (ADR 0277). */
  public Path clusterCa() {
    return root.resolve("cluster-ca");
  }

  /** This node's cluster certificate, key and the CA certificate, from {@code cluster join}. */
  public Path cluster() {
    return root.resolve("cluster");
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
   * Deletes what an interrupted backup or restore left in {@link #backupStaging()} (a {@code kill
   * -9} during {@code backup create} leaves a whole vault copy). Only the serving process calls
   * this: nothing else can be staging then.
   */
  public void emptyStaging() throws ConfigException {
    Path staging = backupStaging();
    if (!Files.isDirectory(staging)) {
      return;
    }
    try (Stream<Path> leftovers = Files.list(staging)) {
      for (Path leftover : (Iterable<Path>) leftovers::iterator) {
        deleteTree(leftover);
      }
    } catch (IOException e) {
      throw new ConfigException("cannot empty " + staging + ": " + e.getMessage());
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> children = Files.list(path)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          deleteTree(child);
        }
      }
    }
    Files.deleteIfExists(path);
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

  /** The key that names logins in the security log (ADR 0172); 0600, created at first start. */
  public Path securityLogKey() {
    return root.resolve("security-log.key");
  }

  /** The node's outbound secret: the queue key and the DKIM key derive from it (ADR 0201). */
  public Path outboundKey() {
    return root.resolve("outbound.key");
  }

  /** The sealed outbound queue (ADR 0201). */
  public Path queue() {
    return root.resolve("queue");
  }

  /** Null while the node can serve, otherwise what is wrong. */
  public String problem() {
    return Files.isWritable(root) ? null : "data directory is not writable";
  }
}
