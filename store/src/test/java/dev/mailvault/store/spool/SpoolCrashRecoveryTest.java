package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.crypto.SpoolSealer;
import dev.mailvault.core.mail.Flags;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §5: a crash anywhere yields each message exactly once. The two states a crash can leave
 * are built by hand: an item stored in INBOX whose segment was not yet deleted, and a record cut
 * short by a crash in the middle of its append (or by a power loss before its data reached disk).
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
  void aRecordCutShortByACrashIsIgnoredAndGoesWithItsSegment() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      String cut = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, Instant.now()));
      long bytes = f.spool.entries(f.vaultId).get(0).length();
      SpoolEntry last = f.spool.entries(f.vaultId).get(1);
      f.spool.closeSegment(f.vaultId);
      // What a put killed in the middle of its write leaves: the last record's first 700 bytes.
      try (FileChannel channel = FileChannel.open(last.file(), StandardOpenOption.WRITE)) {
        channel.truncate(last.offset() + 700);
      }

      assertThat(f.spool.list(f.vaultId)).containsExactly(id).doesNotContain(cut);
      assertThat(f.spool.bytes(f.vaultId)).isEqualTo(bytes);
      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(result.count()).isEqualTo(1);
      assertThat(result.unreadable()).isEmpty();
      try (var left = Files.list(f.spool.folderOf(f.vaultId))) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void aSegmentWhoseLengthOutranItsDataAtPowerLossReadsAsTorn() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      Path segment = f.spool.entries(f.vaultId).get(0).file();
      f.spool.closeSegment(f.vaultId);
      // The file grew, but the appended blocks never reached the disk: zeros.
      Files.write(segment, new byte[4096], StandardOpenOption.APPEND);

      assertThat(f.spool.list(f.vaultId)).containsExactly(id);
      SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(segment).doesNotExist();
    }
  }

  @Test
  void itemsOfTheFirstFormatStillDrainAndLeftoversAreCleanedUp() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      // ADR 0036's layout: one file per item named by its id, and a put's leftover ".tmp-" file.
      String id = "0123456789abcdef0123456789abcdef";
      byte[] plaintext = SpoolItemCodec.encode(SpoolFixture.item(7, Instant.now()));
      Path folder = f.spool.folderOf(f.vaultId);
      Files.createDirectories(folder);
      Path item = folder.resolve(id);
      Files.write(
          item, SpoolSealer.seal(keys.publicKey(), plaintext, SpoolStore.aad(f.vaultId, id)));
      Path leftover = folder.resolve(".tmp-" + "a".repeat(32));
      Files.write(leftover, new byte[700]);
      String segmentItem =
          f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(8, Instant.now()));

      assertThat(f.spool.list(f.vaultId)).containsExactly(id, segmentItem);
      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(result.count()).isEqualTo(2);
      assertThat(item).doesNotExist();
      assertThat(leftover).exists();

      assertThat(f.spool.removeLeftovers(f.vaultId)).isEqualTo(1);
      try (var left = Files.list(folder)) {
        assertThat(left).isEmpty();
      }
    }
  }
}
