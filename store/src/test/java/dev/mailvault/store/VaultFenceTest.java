package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fence where writes become durable (docs/adr/0281-fencing.md): two stores on one vault file
 * stand for two primaries on shared storage.
 */
class VaultFenceTest {

  @TempDir Path dir;

  @Test
  void theOldOwnersWriteAfterANewerOwnerOpenedTheVaultIsRefusedAndLeavesNothing() throws Exception {
    byte[] key = TestVaults.randomKey();
    TestFences oldFences = new TestFences(5);
    TestFences newFences = new TestFences(7);
    try (VaultStore oldPrimary = TestVaults.store(dir);
        VaultStore newPrimary = TestVaults.store(dir)) {
      oldPrimary.setFences(oldFences);
      newPrimary.setFences(newFences);
      try (Vault old = oldPrimary.create("v", key, QuotaLedger.UNLIMITED)) {
        old.append("INBOX", NewMessage.of(TestMessages.text("before@x")));
        // The host lock keeps the new owner out first (VaultHostLockTest); the fence is what
        // holds when the storage has let the old owner's lock go, judging its machine dead.
        old.loseHostLock();
        try (Vault taken = newPrimary.open("v", key, QuotaLedger.UNLIMITED)) {
          assertThatThrownBy(() -> old.append("INBOX", NewMessage.of(TestMessages.text("late@x"))))
              .isInstanceOf(VaultFencedException.class)
              .hasMessageContaining("moved to another primary");
          assertThatThrownBy(() -> old.createFolder("Late"))
              .isInstanceOf(VaultFencedException.class);
          taken.append("INBOX", NewMessage.of(TestMessages.text("after@x")));
        }
      }
    }
    try (VaultStore plain = TestVaults.store(dir);
        VaultConnection c = TestVaults.rawConnection(plain, "v", key)) {
      assertThat(c.queryLong("SELECT epoch FROM fence").orElseThrow()).isEqualTo(7);
      assertThat(c.queryLong("SELECT count(*) FROM messages").orElseThrow()).isEqualTo(2);
      assertThat(c.queryLong("SELECT count(*) FROM folders WHERE name = 'Late'").orElseThrow())
          .isZero();
    }
  }

  @Test
  void anOpenAtALowerEpochThanTheStoredOneIsRefused() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore newer = TestVaults.store(dir)) {
      newer.setFences(new TestFences(9));
      newer.create("v", key, QuotaLedger.UNLIMITED).close();
    }
    try (VaultStore older = TestVaults.store(dir)) {
      older.setFences(new TestFences(3));
      assertThatThrownBy(() -> older.open("v", key, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultNotOwnedException.class);
      assertThat(older.isOpen("v")).isFalse();
    }
  }

  @Test
  void aPrimaryThatDoesNotOwnTheVaultOpensNothing() throws Exception {
    byte[] key = TestVaults.randomKey();
    TestFences fences = new TestFences(4);
    fences.owner = false;
    try (VaultStore store = TestVaults.store(dir)) {
      store.setFences(fences);
      assertThatThrownBy(() -> store.create("v", key, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultNotOwnedException.class);
      assertThat(store.exists("v")).isFalse();
    }
  }

  @Test
  void aWriteAfterTheMonotonicLeaseRanOutIsRefused() throws Exception {
    byte[] key = TestVaults.randomKey();
    TestFences fences = new TestFences(2);
    fences.validUntil = 100;
    try (VaultStore store = TestVaults.store(dir)) {
      store.setFences(fences);
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", NewMessage.of(TestMessages.text("in-time@x")));
        fences.ticks.set(100);
        assertThatThrownBy(
                () -> vault.append("INBOX", NewMessage.of(TestMessages.text("too-late@x"))))
            .isInstanceOf(VaultFencedException.class)
            .hasMessageContaining("lease has lapsed");
        fences.validUntil = 200; // renewed
        vault.append("INBOX", NewMessage.of(TestMessages.text("renewed@x")));
      }
    }
    try (VaultStore plain = TestVaults.store(dir);
        VaultConnection c = TestVaults.rawConnection(plain, "v", key)) {
      assertThat(c.queryLong("SELECT count(*) FROM messages").orElseThrow()).isEqualTo(2);
    }
  }

  @Test
  void theSingleProcessHasNoFenceAndLeavesTheEpochAtZero() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", NewMessage.of(TestMessages.text("m@x")));
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        assertThat(c.queryLong("SELECT epoch FROM fence").orElseThrow()).isZero();
      }
    }
  }

  @Test
  void closeAllUnderUsersClosesEveryOpenVault() throws Exception {
    try (VaultStore store = TestVaults.store(dir)) {
      Vault a = store.create("a", TestVaults.randomKey(), QuotaLedger.UNLIMITED);
      Vault b = store.create("b", TestVaults.randomKey(), QuotaLedger.UNLIMITED);
      assertThat(store.closeAllUnderUsers()).containsExactly("a", "b");
      assertThat(store.openVaultIds()).isEmpty();
      assertThatThrownBy(() -> a.createFolder("X")).isInstanceOf(RuntimeException.class);
      a.close();
      b.close();
    }
  }
}
