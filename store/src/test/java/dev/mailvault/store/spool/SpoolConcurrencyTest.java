package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.SpoolKeyPair;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two drains at once (two logins), puts from many threads, and what a refused put leaves. */
class SpoolConcurrencyTest {

  private static final int ITEMS = 24;

  @TempDir Path dir;

  @Test
  void twoDrainsAtOnceStoreEachItemOnce() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> puts = new ArrayList<>();
        for (int n = 0; n < ITEMS; n++) {
          int m = n;
          puts.add(
              pool.submit(
                  () ->
                      f.spool.put(
                          f.vaultId, keys.publicKey(), SpoolFixture.item(m, Instant.now()))));
        }
        for (Future<String> put : puts) {
          put.get();
        }
        assertThat(f.spool.list(f.vaultId)).hasSize(ITEMS);

        Callable<DrainResult> drain =
            () -> SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
        Future<DrainResult> first = pool.submit(drain);
        Future<DrainResult> second = pool.submit(drain);
        int stored = first.get().count() + second.get().count();

        assertThat(stored).isEqualTo(ITEMS);
        assertThat(f.vault.uids("INBOX")).hasSize(ITEMS);
        assertThat(f.spool.list(f.vaultId)).isEmpty();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aPutWithABadPublicKeyLeavesNoFile() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir)) {
      assertThatThrownBy(
              () -> f.spool.put(f.vaultId, new byte[32], SpoolFixture.item(1, Instant.now())))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(f.spool.folderOf(f.vaultId)).doesNotExist();
      assertThat(f.spool.list(f.vaultId)).isEmpty();
    }
  }

  @Test
  void spoolFilesAndFoldersAreTheOwnersOnly() throws Exception {
    Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      Path folder = f.spool.folderOf(f.vaultId);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
          .isEqualTo("rwx------");
      Path segment = f.spool.entries(f.vaultId).get(0).file();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(segment)))
          .isEqualTo("rw-------");
    }
  }
}
