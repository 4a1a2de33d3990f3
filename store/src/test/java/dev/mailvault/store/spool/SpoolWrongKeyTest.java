package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.crypto.UnwrapException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §5: the whole data directory without the alias's private key opens nothing, and a drain
 * with the wrong key, or over a damaged item, neither stores nor deletes it.
 */
class SpoolWrongKeyTest {

  @TempDir Path dir;

  @Test
  void anotherKeyPairCannotOpenAnItem() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair owner = SpoolKeyPair.generate();
        SpoolKeyPair stranger = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, owner.publicKey(), SpoolFixture.item(1, Instant.now()));

      assertThatThrownBy(() -> f.spool.open(f.vaultId, id, stranger.privateKey()))
          .isInstanceOf(SpoolItemUnreadableException.class)
          .hasCauseInstanceOf(UnwrapException.class)
          .hasMessage("spool item " + id + " cannot be opened");
    }
  }

  @Test
  void drainWithTheWrongKeyAppendsNothingAndDeletesNothing() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair owner = SpoolKeyPair.generate();
        SpoolKeyPair stranger = SpoolKeyPair.generate()) {
      String a = f.spool.put(f.vaultId, owner.publicKey(), SpoolFixture.item(1, Instant.now()));
      String b = f.spool.put(f.vaultId, owner.publicKey(), SpoolFixture.item(2, Instant.now()));
      long bytes = f.spool.bytes(f.vaultId);

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, stranger.privateKey(), f.vault);

      assertThat(result.count()).isZero();
      assertThat(result.unreadable()).containsExactlyInAnyOrder(a, b);
      assertThat(f.vault.uids("INBOX")).isEmpty();
      assertThat(f.spool.list(f.vaultId)).containsExactlyInAnyOrder(a, b);
      assertThat(f.spool.bytes(f.vaultId)).isEqualTo(bytes);

      // The right key still drains them afterwards.
      DrainResult later = SpoolDrainer.drain(f.spool, f.vaultId, owner.privateKey(), f.vault);
      assertThat(later.count()).isEqualTo(2);
      assertThat(f.vault.uids("INBOX")).hasSize(2);
    }
  }

  @Test
  void aTamperedItemIsLeftForAnOperatorAndTheRestDrains() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String bad = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      String good = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, Instant.now()));
      // One flipped bit inside the first item's sealing, with a whole record after it.
      SpoolEntry first = f.spool.entries(f.vaultId).get(0);
      byte[] segment = Files.readAllBytes(first.file());
      segment[(int) first.offset() + first.length() - 40] ^= 0x01;
      Files.write(first.file(), segment);

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(1);
      assertThat(result.unreadable()).containsExactly(bad);
      assertThat(f.vault.isSpoolApplied(good)).isTrue();
      assertThat(f.vault.isSpoolApplied(bad)).isFalse();
      // The segment stays for the operator, the good item with it: a second drain skips it.
      assertThat(f.spool.list(f.vaultId)).containsExactly(bad, good);
      DrainResult again = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);
      assertThat(again.count()).isZero();
      assertThat(again.alreadyApplied()).isEqualTo(1);
      assertThat(f.vault.uids("INBOX")).hasSize(1);
    }
  }

  @Test
  void anItemMovedToAnotherAliasOrRenamedDoesNotOpen() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      Path segment = f.spool.entries(f.vaultId).get(0).file();

      String otherVault = "othervault";
      Files.createDirectories(f.spool.folderOf(otherVault));
      Files.copy(segment, f.spool.folderOf(otherVault).resolve(segment.getFileName()));
      assertThat(f.spool.list(otherVault)).containsExactly(id);
      assertThatThrownBy(() -> f.spool.open(otherVault, id, keys.privateKey()))
          .isInstanceOf(SpoolItemUnreadableException.class);

      // The same sealing under another id (as an item file of the first format).
      String otherId = "f".repeat(32);
      Files.write(f.spool.folderOf(f.vaultId).resolve(otherId), f.spool.readSealed(f.vaultId, id));
      assertThat(f.spool.list(f.vaultId)).containsExactlyInAnyOrder(id, otherId);
      assertThatThrownBy(() -> f.spool.open(f.vaultId, otherId, keys.privateKey()))
          .isInstanceOf(SpoolItemUnreadableException.class);
    }
  }

  @Test
  void aTruncatedItemFileIsUnreadableNotACrash() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      // An item file of the first format (ADR 0036), cut down to two bytes.
      String id = "e".repeat(32);
      Path file = f.spool.folderOf(f.vaultId).resolve(id);
      Files.createDirectories(file.getParent());
      Files.write(file, List.of("x"));

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.unreadable()).containsExactly(id);
      assertThat(file).exists();
    }
  }

  @Test
  void aSegmentWithDamageBeforeItsEndIsKeptForAnOperator() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(2, Instant.now()));
      SpoolEntry second = f.spool.entries(f.vaultId).get(1);
      // The second record's head (its length) overwritten, with the record's bytes still after it.
      byte[] segment = Files.readAllBytes(second.file());
      segment[(int) second.offset() - 10] ^= 0x55;
      Files.write(second.file(), segment);

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(1);
      assertThat(second.file()).as("kept: the damage may hide acknowledged items").exists();
    }
  }
}
