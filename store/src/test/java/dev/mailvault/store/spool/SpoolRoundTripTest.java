package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.crypto.SpoolSealer;
import dev.mailvault.core.mail.UidSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §5: what the MX puts in the spool arrives in INBOX byte-exact at the next drain. */
class SpoolRoundTripTest {

  @TempDir Path dir;

  @Test
  void putThenDrainLandsEveryMessageInInboxByteExactWithItsArrivalTime() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      Instant arrival = Instant.parse("2026-03-14T09:26:53.589793238Z");
      List<String> ids = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        ids.add(f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(n, arrival)));
      }
      assertThat(f.spool.list(f.vaultId)).containsExactlyInAnyOrderElementsOf(ids);
      long sealedBytes = f.spool.bytes(f.vaultId);
      assertThat(sealedBytes).isGreaterThan(3L * SpoolFixture.message(0).length);

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      long rawTotal = 0;
      for (int n = 0; n < 3; n++) {
        rawTotal += SpoolFixture.message(n).length;
      }
      assertThat(result.count()).isEqualTo(3);
      assertThat(result.bytes()).isEqualTo(rawTotal);
      assertThat(result.alreadyApplied()).isZero();
      assertThat(result.unreadable()).isEmpty();
      List<MessageMeta> inbox = f.vault.messages("INBOX", UidSet.all());
      assertThat(inbox).hasSize(3);
      List<byte[]> stored = new ArrayList<>();
      for (MessageMeta meta : inbox) {
        // The store keeps INTERNALDATE to the second (NewMessage).
        assertThat(meta.internalDate()).isEqualTo(Instant.parse("2026-03-14T09:26:53Z"));
        stored.add(f.vault.fetch("INBOX", meta.uid()));
      }
      assertThat(stored)
          .usingElementComparator(java.util.Arrays::compare)
          .containsExactlyInAnyOrder(
              SpoolFixture.message(0), SpoolFixture.message(1), SpoolFixture.message(2));
      assertThat(f.spool.list(f.vaultId)).isEmpty();
      assertThat(f.spool.bytes(f.vaultId)).isZero();
      try (var left = Files.list(f.spool.folderOf(f.vaultId))) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void drainTakesTheOldestItemFirst() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      Instant base = Instant.parse("2026-01-01T00:00:00Z");
      // A first-format item file (ADR 0036), older than any segment, then two segments.
      String legacy = "c".repeat(32);
      Path legacyFile = f.spool.folderOf(f.vaultId).resolve(legacy);
      Files.createDirectories(legacyFile.getParent());
      Files.write(
          legacyFile,
          SpoolSealer.seal(
              keys.publicKey(),
              SpoolItemCodec.encode(SpoolFixture.item(9, base.minusSeconds(60))),
              SpoolStore.aad(f.vaultId, legacy)));
      List<String> ids = new ArrayList<>();
      ids.add(legacy);
      for (int n = 0; n < 4; n++) {
        ids.add(
            f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(n, base.plusSeconds(n))));
        if (n == 1) {
          f.spool.closeSegment(f.vaultId);
        }
      }
      assertThat(f.spool.list(f.vaultId)).containsExactlyElementsOf(ids);
      assertThat(f.spool.entries(f.vaultId).stream().map(SpoolEntry::file).distinct()).hasSize(3);

      SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      List<MessageMeta> inbox = f.vault.messages("INBOX", UidSet.all());
      assertThat(inbox)
          .extracting(MessageMeta::internalDate)
          .containsExactly(
              base.minusSeconds(60),
              base,
              base.plusSeconds(1),
              base.plusSeconds(2),
              base.plusSeconds(3));
    }
  }

  @Test
  void anOpenedItemCarriesTheEnvelope() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      SpoolItem item =
          new SpoolItem(
              SpoolFixture.message(7),
              Instant.parse("2026-05-01T12:00:00.5Z"),
              "",
              List.of("bob.recipient@example.com", "Bøb@exämple.com"));
      String id = f.spool.put(f.vaultId, keys.publicKey(), item);

      SpoolItem opened = f.spool.open(f.vaultId, id, keys.privateKey());

      assertThat(opened.raw()).isEqualTo(item.raw());
      assertThat(opened.arrival()).isEqualTo(item.arrival());
      assertThat(opened.mailFrom()).isEmpty();
      assertThat(opened.rcptTo()).isEqualTo(item.rcptTo());
    }
  }

  @Test
  void aSpoolThatWasNeverWrittenIsEmpty() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      assertThat(f.spool.list(f.vaultId)).isEmpty();
      assertThat(f.spool.bytes(f.vaultId)).isZero();
      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(result.count()).isZero();
      assertThat(f.vault.uids("INBOX")).isEmpty();
    }
  }

  @Test
  void deleteAllRemovesTheAliasFolderOnly() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      String other = "othervault";
      String kept = f.spool.put(other, keys.publicKey(), SpoolFixture.item(2, Instant.now()));

      f.spool.deleteAll(f.vaultId);

      assertThat(f.spool.folderOf(f.vaultId)).doesNotExist();
      assertThat(f.spool.list(f.vaultId)).isEmpty();
      assertThat(f.spool.list(other)).containsExactly(kept);
    }
  }

  @Test
  void aVaultIdOrItemIdThatIsNotAPlainNameIsRefused() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      assertThatThrownBy(
              () -> f.spool.put("../escape", keys.publicKey(), SpoolFixture.item(1, Instant.now())))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> f.spool.readSealed(f.vaultId, "../" + f.vaultId))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(dir.resolve("escape")).doesNotExist();
    }
  }
}
