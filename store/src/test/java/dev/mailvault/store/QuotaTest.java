package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.OverQuotaException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends and copies reserve quota before writing; removals give it back. */
class QuotaTest {

  @TempDir Path dir;

  @Test
  void anAppendOverQuotaWritesNothing() throws Exception {
    byte[] small = TestMessages.text("small@x");
    byte[] large =
        TestMessages.withAttachment("large@x", "Big", "t", TestMessages.randomBytes(1, 200_000));
    LimitLedger ledger = new LimitLedger(small.length + 1000, 100);
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("quota", TestVaults.randomKey(), ledger)) {
      vault.append("INBOX", NewMessage.of(small));
      FolderInfo before = vault.folder("INBOX");
      VaultStats statsBefore = vault.stats();

      assertThatThrownBy(() -> vault.append("INBOX", NewMessage.of(large)))
          .isInstanceOf(OverQuotaException.class);

      assertThat(vault.folder("INBOX")).isEqualTo(before);
      VaultStats statsAfter = vault.stats();
      assertThat(statsAfter.contents()).isEqualTo(statsBefore.contents());
      assertThat(statsAfter.blobs()).isZero();
      assertThat(ledger.bytes()).isEqualTo(small.length);
      assertThat(ledger.messages()).isEqualTo(1);
    }
  }

  @Test
  void aCopyOverQuotaWritesNothingAndAnExpungeGivesRoomBack() throws Exception {
    byte[] message = TestMessages.text("m@x");
    LimitLedger ledger = new LimitLedger(10_000_000, 3);
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("quota", TestVaults.randomKey(), ledger)) {
      vault.appendAll("INBOX", List.of(NewMessage.of(message), NewMessage.of(message)));
      FolderInfo archive = vault.folder("Archive");

      assertThatThrownBy(() -> vault.copy("INBOX", UidSet.all(), "Archive"))
          .isInstanceOf(OverQuotaException.class);
      assertThat(vault.folder("Archive")).isEqualTo(archive);
      assertThat(ledger.messages()).isEqualTo(2);

      vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
      vault.expunge("INBOX");
      assertThat(ledger.messages()).isEqualTo(1);
      assertThat(ledger.bytes()).isEqualTo(message.length);

      CopyResult copied = vault.copy("INBOX", UidSet.all(), "Archive");
      assertThat(copied.destinationUids()).containsExactly(1L);
      assertThat(ledger.messages()).isEqualTo(2);

      vault.move("Archive", UidSet.all(), "Trash");
      assertThat(ledger.messages()).as("a move changes no usage").isEqualTo(2);

      vault.deleteFolder("Trash");
      assertThat(ledger.messages()).isEqualTo(1);
      assertThat(ledger.bytes()).isEqualTo(message.length);
    }
  }

  @Test
  void aReservationIsGivenBackWhenTheTransactionFails() throws Exception {
    LimitLedger ledger = new LimitLedger(10_000_000, 100);
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("quota", key, ledger)) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("a@x")));
      long bytes = ledger.bytes();
      // Leave room for one more UID only: a batch of two reserves quota, then fails.
      try (var raw = TestVaults.rawConnection(store, "quota", key)) {
        raw.update("UPDATE folders SET uid_next = ? WHERE name = 'INBOX'", UidSet.MAX_UID);
      }
      List<NewMessage> two =
          List.of(NewMessage.of(TestMessages.text("b@x")), NewMessage.of(TestMessages.text("c@x")));

      assertThatThrownBy(() -> vault.appendAll("INBOX", two))
          .isInstanceOf(FolderOperationRefusedException.class);

      assertThat(ledger.bytes()).isEqualTo(bytes);
      assertThat(ledger.messages()).isEqualTo(1);
      assertThat(vault.folder("INBOX").uidNext()).isEqualTo(UidSet.MAX_UID);
      assertThat(vault.folder("INBOX").messages()).isEqualTo(1);
      assertThat(vault.stats().contents()).isEqualTo(1);
    }
  }
}
