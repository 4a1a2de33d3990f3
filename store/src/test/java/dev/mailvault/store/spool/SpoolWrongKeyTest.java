package dev.mailvault.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.crypto.UnwrapException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
      Path file = f.spool.folderOf(f.vaultId).resolve(bad);
      byte[] sealed = Files.readAllBytes(file);
      sealed[sealed.length - 40] ^= 0x01;
      Files.write(file, sealed);

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.count()).isEqualTo(1);
      assertThat(result.unreadable()).containsExactly(bad);
      assertThat(f.spool.list(f.vaultId)).containsExactly(bad);
      assertThat(f.vault.isSpoolApplied(good)).isTrue();
      assertThat(f.vault.isSpoolApplied(bad)).isFalse();
    }
  }

  @Test
  void anItemMovedToAnotherAliasOrRenamedDoesNotOpen() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      Path original = f.spool.folderOf(f.vaultId).resolve(id);

      String otherVault = "othervault";
      Files.createDirectories(f.spool.folderOf(otherVault));
      Files.copy(original, f.spool.folderOf(otherVault).resolve(id));
      assertThatThrownBy(() -> f.spool.open(otherVault, id, keys.privateKey()))
          .isInstanceOf(SpoolItemUnreadableException.class);

      String otherId = "f".repeat(32);
      Files.move(original, original.resolveSibling(otherId), StandardCopyOption.ATOMIC_MOVE);
      assertThatThrownBy(() -> f.spool.open(f.vaultId, otherId, keys.privateKey()))
          .isInstanceOf(SpoolItemUnreadableException.class);
    }
  }

  @Test
  void aTruncatedItemIsUnreadableNotACrash() throws Exception {
    try (SpoolFixture f = new SpoolFixture(dir);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String id = f.spool.put(f.vaultId, keys.publicKey(), SpoolFixture.item(1, Instant.now()));
      Path file = f.spool.folderOf(f.vaultId).resolve(id);
      Files.write(file, List.of("x"));

      DrainResult result = SpoolDrainer.drain(f.spool, f.vaultId, keys.privateKey(), f.vault);

      assertThat(result.unreadable()).containsExactly(id);
      assertThat(file).exists();
    }
  }
}
