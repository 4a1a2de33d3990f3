package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.mail.Flags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §5: a crash anywhere yields each message exactly once. The two states a crash can leave
 * are built by hand: an item stored in INBOX whose file was not yet deleted, and a temporary file
 * that was never renamed into place.
 */
class SpoolCrashRecoveryTest {

  @TempDir Path dir;

  @Test
  void anItemAppendedButNotDeletedIsStoredOnceAndItsFileRemoved() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      Instant arrival = Instant.parse("2026-02-02T02:02:02Z");
      String crashed = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, arrival));
      String fresh = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, arrival));
      // What a drain killed between its append and its delete leaves behind.
      SpoolItem item = f.spool.open(f.vaultId, crashed, keys.privateKey());
      assertThat(
              f.vault.appendIfAbsent(
                  crashed, "INBOX", new NewMessage(item.raw(), Flags.NONE, item.arrival())))
          .isPresent();
      assertThat(f.spool.list(f.vaultId)).contains(crashed);

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(1);
      assertThat(result.alreadyApplied()).isEqualTo(1);
      assertThat(f.vault.uids("INBOX")).hasSize(2);
      assertThat(f.vault.isSpoolApplied(crashed)).isTrue();
      assertThat(f.vault.isSpoolApplied(fresh)).isTrue();
      assertThat(f.spool.list(f.vaultId)).isEmpty();

      DrainResult again = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(again.count()).isZero();
      assertThat(f.vault.uids("INBOX")).hasSize(2);
    }
  }

  @Test
  void anAppliedItemIsDeletedEvenWithoutTheRightKey() throws Exception {
    // The applied check comes before opening, so a drain never needs to decrypt a stored item.
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate();
        SpoolKeyPair stranger = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      f.vault.appendIfAbsent(
          id, "INBOX", new NewMessage(SpoolFixture.message(1), Flags.NONE, Instant.now()));

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, stranger.privateKey(), f.vault);

      assertThat(result.alreadyApplied()).isEqualTo(1);
      assertThat(result.unreadable()).isEmpty();
      assertThat(f.spool.list(f.vaultId)).isEmpty();
      assertThat(f.vault.uids("INBOX")).hasSize(1);
    }
  }

  @Test
  void aLeftoverTemporaryFileIsIgnoredAndCleanedUp() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      long bytes = f.spool.bytes(f.vaultId);
      Path folder = f.spool.folderOf(f.vaultId);
      // A put killed before its rename: a partial sealing under the temporary name.
      byte[] partial = java.util.Arrays.copyOf(Files.readAllBytes(folder.resolve(id)), 700);
      Path leftover = folder.resolve(".tmp-" + "a".repeat(32));
      Files.write(leftover, partial);

      assertThat(f.spool.list(f.vaultId)).containsExactly(id);
      assertThat(f.spool.bytes(f.vaultId)).isEqualTo(bytes);
      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(result.count()).isEqualTo(1);
      assertThat(result.unreadable()).isEmpty();
      assertThat(leftover).exists();

      assertThat(f.spool.removeLeftovers(f.vaultId)).isEqualTo(1);
      assertThat(leftover).doesNotExist();
      try (var left = Files.list(folder)) {
        assertThat(left).isEmpty();
      }
    }
  }
}
