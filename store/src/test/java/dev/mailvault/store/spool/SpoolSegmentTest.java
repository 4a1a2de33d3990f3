package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.SpoolKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0151: items go into append-only segments, one file for many items; withdrawals, rotation, and
 * a segment that another store is still writing.
 */
class SpoolSegmentTest {

  @TempDir Path dir;

  @Test
  void manyPutsShareOneSegmentFile() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      List<String> ids = new ArrayList<>();
      for (int n = 0; n < 200; n++) {
        ids.add(f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(n, Instant.now())));
      }
      assertThat(files(f)).hasSize(1);
      assertThat(f.spool.list(f.vaultId)).containsExactlyElementsOf(ids);

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(200);
      assertThat(files(f)).isEmpty();
    }
  }

  @Test
  void anOpenSegmentRunsAheadInZerosAndIsCutToItsRecordsWhenClosed() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      SpoolEntry entry = f.spool.entries(f.vaultId).get(0);
      // While open: zero-filled ahead (what a crash leaves), and readers stop at the zeros.
      assertThat(Files.size(entry.file())).isEqualTo(SpoolAppender.FIRST_FILL);
      assertThat(f.spool.list(f.vaultId)).containsExactly(id);
      // Further records grow the zeros ahead in steps as large as what the segment holds.
      List<String> more = new ArrayList<>();
      for (int n = 2; n < 60; n++) {
        more.add(f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(n, Instant.now())));
      }
      assertThat(Files.size(entry.file()))
          .isGreaterThan(SpoolAppender.FIRST_FILL)
          .isLessThanOrEqualTo(SpoolAppender.PREALLOCATE);
      assertThat(f.spool.list(f.vaultId)).hasSize(59).endsWith(more.get(more.size() - 1));

      f.spool.closeSegment(f.vaultId);

      SpoolEntry last = f.spool.entries(f.vaultId).get(58);
      assertThat(Files.size(entry.file())).isEqualTo(last.offset() + last.length() + 4);
      assertThat(f.spool.list(f.vaultId)).hasSize(59).startsWith(id);
    }
  }

  @Test
  void aWithdrawnItemIsNotListedNorDrained() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String taken = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      String kept = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, Instant.now()));
      // The withdrawal lands in a later segment than its item.
      f.spool.closeSegment(f.vaultId);
      f.spool.withdraw(f.vaultId, taken);

      assertThat(f.spool.list(f.vaultId)).containsExactly(kept);
      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(1);
      assertThat(f.vault.isSpoolApplied(taken)).isFalse();
      assertThat(files(f)).isEmpty();
    }
  }

  @Test
  void aWithdrawalOutlivesItsItemsSegment() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair owner = SpoolKeyPair.generate();
        SpoolKeyPair stranger = SpoolKeyPair.generate()) {
      String taken = f.spool.put(f.vaultId, owner.publicKey(), SpoolFixture.item(1, Instant.now()));
      String other = f.spool.put(f.vaultId, owner.publicKey(), SpoolFixture.item(2, Instant.now()));
      f.spool.closeSegment(f.vaultId);
      f.spool.withdraw(f.vaultId, taken);

      // The wrong key leaves the other item, so its segment stays; the withdrawal's must too, or
      // the withdrawn item would come back.
      SpoolDrainer.drain(f.spool, f.vaultId, stranger.privateKey(), f.vault);
      assertThat(files(f)).hasSize(2);
      assertThat(f.spool.list(f.vaultId)).containsExactly(other);

      SpoolDrainer.drain(f.spool, f.vaultId, owner.privateKey(), f.vault);
      assertThat(f.vault.isSpoolApplied(taken)).isFalse();
      assertThat(f.vault.isSpoolApplied(other)).isTrue();
      assertThat(files(f)).isEmpty();
    }
  }

  @Test
  void aFullSegmentIsClosedAndTheNextPutBeginsAnother() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolStore small = new SpoolStore(f.spoolRoot, 4096);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      for (int n = 0; n < 5; n++) {
        small.put(f.vaultId, keys.publicKey(), SpoolFixture.item(n, Instant.now()));
      }
      // Each sealed item is over 1 KiB (the KEM ciphertexts alone): a few items per segment.
      assertThat(files(f)).hasSizeBetween(2, 5);
      small.closeSegment(f.vaultId);

      DrainResult result = SpoolDrainer.drain(small, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(5);
      assertThat(files(f)).isEmpty();
    }
  }

  @Test
  void aSegmentAnotherStoreIsWritingIsDrainedButNotDeleted() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolStore writer = new SpoolStore(f.spoolRoot);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String id = writer.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));

      DrainResult first = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(first.count()).isEqualTo(1);
      assertThat(files(f)).as("still open in the writing store").hasSize(1);
      assertThatThrownBy(() -> f.spool.deleteAll(f.vaultId))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("a delivery is writing to this spool");

      writer.closeSegment(f.vaultId);
      DrainResult second = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(second.count()).isZero();
      assertThat(second.alreadyApplied()).isEqualTo(1);
      assertThat(f.vault.isSpoolApplied(id)).isTrue();
      assertThat(f.vault.uids("INBOX")).hasSize(1);
      assertThat(files(f)).isEmpty();
    }
  }

  @Test
  void anIdleSegmentIsClosedSoOthersMayDeleteIt() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolStore writer = new SpoolStore(f.spoolRoot);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      writer.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      long deadline = System.nanoTime() + 30_000_000_000L;
      boolean deleted = false;
      while (!deleted && System.nanoTime() < deadline) {
        try {
          f.spool.deleteAll(f.vaultId);
          deleted = true;
        } catch (IOException stillOpen) {
          Thread.sleep(200);
        }
      }
      assertThat(deleted).as("the writer gave its idle segment up").isTrue();
      assertThat(f.spool.folderOf(f.vaultId)).doesNotExist();
      // The writer's next put begins a new segment rather than writing to the deleted one.
      String next = writer.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, Instant.now()));
      assertThat(f.spool.list(f.vaultId)).containsExactly(next);
    }
  }

  private static List<Path> files(SpoolFixture f) throws IOException {
    Path folder = f.spool.folderOf(f.vaultId);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }
}
