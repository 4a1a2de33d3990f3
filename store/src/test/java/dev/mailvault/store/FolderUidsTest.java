package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared UID snapshot of a folder never outlives a change to the folder's messages. */
class FolderUidsTest {

  @TempDir Path dir;
  private VaultStore store;
  private final byte[] key = TestVaults.randomKey();
  private Vault vault;

  @BeforeEach
  void open() throws Exception {
    store = TestVaults.store(dir);
    vault = store.create("uids", key, QuotaLedger.UNLIMITED);
    for (int i = 0; i < 5; i++) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("m" + i + "@x")));
    }
  }

  @AfterEach
  void close() {
    vault.close();
    store.close();
  }

  @Test
  void everyWriteThatAddsOrRemovesAMessageIsSeenByTheNextRead() throws Exception {
    assertThat(vault.uids("INBOX")).containsExactly(1, 2, 3, 4, 5);

    vault.storeFlags("INBOX", UidSet.of(2, 4), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
    assertThat(vault.uids("INBOX")).as("flags only").containsExactly(1, 2, 3, 4, 5);
    vault.expunge("INBOX");
    assertThat(vault.uids("INBOX")).containsExactly(1, 3, 5);

    vault.append("INBOX", NewMessage.of(TestMessages.text("new@x")));
    assertThat(vault.uids("INBOX")).containsExactly(1, 3, 5, 6);

    vault.createFolder("Projects");
    vault.move("INBOX", UidSet.of(3), "Projects");
    assertThat(vault.uids("INBOX")).containsExactly(1, 5, 6);
    assertThat(vault.uids("Projects")).containsExactly(1);

    vault.copy("INBOX", UidSet.of(1), "Projects");
    assertThat(vault.uids("Projects")).containsExactly(1, 2);

    vault.storeFlags("INBOX", UidSet.of(5), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
    vault.expunge("INBOX", UidSet.of(5));
    assertThat(vault.uids("INBOX")).as("UID EXPUNGE").containsExactly(1, 6);
  }

  @Test
  void aCallerCannotChangeWhatTheNextOneReads() throws Exception {
    long[] first = vault.uids("INBOX");
    first[0] = 99;
    assertThat(vault.uids("INBOX")).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void anotherHandleOnTheVaultSeesTheSameFolder() throws Exception {
    Vault other = store.open("uids", key, QuotaLedger.UNLIMITED);
    try {
      assertThat(other.uids("INBOX")).containsExactly(1, 2, 3, 4, 5);
      other.append("INBOX", NewMessage.of(TestMessages.text("other@x")));
      assertThat(vault.uids("INBOX")).containsExactly(1, 2, 3, 4, 5, 6);
    } finally {
      other.close();
    }
  }

  @Test
  void aSnapshotOutlivesTheVaultsCloseAndStillSeesLaterWrites() throws Exception {
    assertThat(vault.uids("INBOX")).containsExactly(1, 2, 3, 4, 5);
    vault.close();
    vault = store.open("uids", key, QuotaLedger.UNLIMITED);
    assertThat(vault.uids("INBOX")).containsExactly(1, 2, 3, 4, 5);
    vault.append("INBOX", NewMessage.of(TestMessages.text("later@x")));
    assertThat(vault.uids("INBOX")).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void aDeletedAndRecreatedFolderStartsEmpty() throws Exception {
    vault.createFolder("Work");
    vault.copy("INBOX", UidSet.range(1, 5), "Work");
    assertThat(vault.uids("Work")).hasSize(5);
    vault.deleteFolder("Work");
    vault.createFolder("Work");
    assertThat(vault.uids("Work")).isEmpty();
    assertThat(vault.folder("Work").messages()).isZero();
  }
}
