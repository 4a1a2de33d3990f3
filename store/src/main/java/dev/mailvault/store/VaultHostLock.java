package dev.mailvault.store;

import dev.mailvault.core.fs.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * One host's connections at a time (docs/adr/0283-failover-on-shared-storage.md): a cluster primary
 * holds an exclusive lock on a file beside the vault for as long as it has the vault open, from
 * before its first connection to after its last. A new owner on another machine therefore never
 * opens the vault while the previous owner still has connections and a WAL index of its own mapped,
 * which the storage does not share between machines.
 *
 * <p>The lock is a POSIX ({@code fcntl}) lock on its own file, never on the database: closing any
 * descriptor of a file drops every POSIX lock the process holds on it, and SQLite opens and closes
 * the database's descriptors as it likes. The storage must honour such locks across machines and
 * release them when the holder's process or machine dies (docs/cluster.md). The file is empty and
 * stays after the close; {@link VaultStore#delete} removes it with the vault.
 */
final class VaultHostLock implements AutoCloseable {

  /** The lock file's suffix after the vault file's name. */
  static final String SUFFIX = "-owner";

  private final FileChannel channel;

  private VaultHostLock(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Takes the lock of {@code vaultFile}, or refuses at once when another process (here or on
   * another machine sharing the storage) holds it.
   *
   * @throws VaultNotOwnedException when another process has the vault open: a temporary failure
   * @throws VaultStorageException when the lock file cannot be opened or locked
   */
  static VaultHostLock take(Path vaultFile) {
    Path file = fileOf(vaultFile);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              OwnerOnly.fileMode());
    } catch (IOException e) {
      throw new VaultStorageException("cannot open the vault's lock file: " + e.getMessage(), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      // The store opens a vault once per process; a second holder here is a second store.
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new VaultStorageException("cannot lock the vault's lock file: " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new VaultNotOwnedException(
          "another server still has the vault open; try again shortly");
    }
    return new VaultHostLock(channel);
  }

  /** The lock file of {@code vaultFile}. */
  static Path fileOf(Path vaultFile) {
    return vaultFile.resolveSibling(vaultFile.getFileName() + SUFFIX);
  }

  /** Gives the lock up: called after the vault's last connection closed. */
  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing the descriptor releases the lock whatever close reports.
    }
  }
}
