package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.FolderExistsException;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.access.InvalidFolderNameException;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderOperationsTest {

  @TempDir Path dir;
  private VaultStore store;
  private Vault vault;

  @BeforeEach
  void open() throws Exception {
    store = TestVaults.store(dir);
    vault = store.create("folders", TestVaults.randomKey(), QuotaLedger.UNLIMITED);
  }

  @AfterEach
  void close() {
    vault.close();
    store.close();
  }

  @Test
  void aNewVaultHasTheDefaultFoldersWithSpecialUseAndSubscribed() throws Exception {
    List<FolderInfo> folders = vault.listFolders();
    assertThat(folders)
        .extracting(FolderInfo::name, FolderInfo::specialUse, FolderInfo::subscribed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Archive", "\\Archive", true),
            org.assertj.core.groups.Tuple.tuple("Drafts", "\\Drafts", true),
            org.assertj.core.groups.Tuple.tuple("INBOX", null, true),
            org.assertj.core.groups.Tuple.tuple("Junk", "\\Junk", true),
            org.assertj.core.groups.Tuple.tuple("Sent", "\\Sent", true),
            org.assertj.core.groups.Tuple.tuple("Trash", "\\Trash", true));
    FolderInfo inbox = vault.folder("inbox");
    assertThat(inbox.name()).isEqualTo("INBOX");
    assertThat(inbox.uidNext()).isEqualTo(1);
    assertThat(inbox.messages()).isZero();
    assertThat(inbox.uidValidity()).isPositive();
    assertThat(folders).extracting(FolderInfo::uidValidity).doesNotHaveDuplicates();
  }

  @Test
  void createMakesMissingParentsAndRefusesDuplicates() throws Exception {
    FolderInfo created = vault.createFolder("Projects/2024/Q1");
    assertThat(created.name()).isEqualTo("Projects/2024/Q1");
    assertThat(created.subscribed()).isFalse();
    assertThat(vault.listFolders())
        .extracting(FolderInfo::name)
        .contains("Projects", "Projects/2024", "Projects/2024/Q1");
    assertThat(vault.folder("Projects").hasChildren()).isTrue();
    assertThat(vault.folder("Projects/2024/Q1").hasChildren()).isFalse();
    assertThatThrownBy(() -> vault.createFolder("Projects/2024"))
        .isInstanceOf(FolderExistsException.class);
    assertThatThrownBy(() -> vault.createFolder("INBOX")).isInstanceOf(FolderExistsException.class);
    assertThatThrownBy(() -> vault.createFolder("iNbOx")).isInstanceOf(FolderExistsException.class);
  }

  @Test
  void namesAreCheckedAndOnlyInboxIsCaseInsensitive() throws Exception {
    for (String bad : new String[] {"", "/a", "a/", "a//b", "a*b", "a%", "tab\there"}) {
      assertThatThrownBy(() -> vault.createFolder(bad))
          .as(bad)
          .isInstanceOf(InvalidFolderNameException.class);
    }
    vault.createFolder("Work");
    vault.createFolder("work");
    vault.createFolder("inbox/Sub");
    vault.createFolder("Ünïcødé ✉");
    assertThat(vault.listFolders())
        .extracting(FolderInfo::name)
        .contains("Work", "work", "INBOX/Sub", "Ünïcødé ✉");
    assertThat(vault.folder("INBOX").hasChildren()).isTrue();
  }

  @Test
  void errorMessagesDoNotRepeatTheFolderName() {
    assertThatThrownBy(() -> vault.folder("Secret Clients"))
        .isInstanceOfSatisfying(
            FolderNotFoundException.class, e -> assertThat(e.folder()).isEqualTo("Secret Clients"))
        .hasMessage("no such folder");
    assertThatThrownBy(() -> vault.createFolder("Trash"))
        .isInstanceOfSatisfying(
            FolderExistsException.class, e -> assertThat(e.folder()).isEqualTo("Trash"))
        .hasMessageNotContaining("Trash");
  }

  @Test
  void createWithSpecialUse() throws Exception {
    assertThat(vault.createFolder("All Mail", "\\All").specialUse()).isEqualTo("\\All");
    assertThatThrownBy(() -> vault.createFolder("X", "\\Bogus"))
        .isInstanceOf(FolderOperationRefusedException.class);
  }

  @Test
  void renameMovesChildrenAndSubscriptionsAndKeepsUidValidity() throws Exception {
    vault.createFolder("a/b/c");
    vault.createFolder("ab");
    vault.subscribe("a/b");
    long validity = vault.folder("a/b").uidValidity();
    vault.append("a/b", NewMessage.of(TestMessages.text("m1@x")));

    vault.renameFolder("a", "z/y");

    assertThat(vault.listFolders())
        .extracting(FolderInfo::name)
        .contains("z", "z/y", "z/y/b", "z/y/b/c", "ab")
        .doesNotContain("a", "a/b", "a/b/c");
    FolderInfo moved = vault.folder("z/y/b");
    assertThat(moved.uidValidity()).isEqualTo(validity);
    assertThat(moved.messages()).isEqualTo(1);
    assertThat(moved.subscribed()).isTrue();
    assertThat(vault.subscriptions()).contains("z/y/b").doesNotContain("a/b");
    assertThat(vault.fetch("z/y/b", 1)).isEqualTo(TestMessages.text("m1@x"));
  }

  @Test
  void renameErrors() throws Exception {
    vault.createFolder("a/b");
    vault.createFolder("c");
    assertThatThrownBy(() -> vault.renameFolder("missing", "x"))
        .isInstanceOf(FolderNotFoundException.class);
    assertThatThrownBy(() -> vault.renameFolder("a", "c"))
        .isInstanceOf(FolderExistsException.class);
    assertThatThrownBy(() -> vault.renameFolder("a", "a/b/d"))
        .isInstanceOf(FolderOperationRefusedException.class);
    assertThatThrownBy(() -> vault.renameFolder("c", "INBOX"))
        .isInstanceOf(FolderExistsException.class);
    assertThat(vault.listFolders()).extracting(FolderInfo::name).contains("a", "a/b", "c");
  }

  @Test
  void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws Exception {
    vault.createFolder("INBOX/Child");
    vault.append(
        "INBOX",
        new NewMessage(
            TestMessages.text("m1@x"),
            Flags.of(SystemFlag.SEEN),
            Instant.parse("2023-01-02T10:00:00Z")));
    vault.append("INBOX", NewMessage.of(TestMessages.text("m2@x")));
    FolderInfo inboxBefore = vault.folder("INBOX");

    vault.renameFolder("INBOX", "Old Mail");

    FolderInfo inbox = vault.folder("INBOX");
    assertThat(inbox.messages()).isZero();
    assertThat(inbox.unseen()).isZero();
    assertThat(inbox.uidValidity()).isEqualTo(inboxBefore.uidValidity());
    assertThat(inbox.uidNext()).isEqualTo(3);
    assertThat(inbox.highestModseq()).isGreaterThan(inboxBefore.highestModseq());
    assertThat(vault.expungedSince("INBOX", inboxBefore.highestModseq())).containsExactly(1L, 2L);
    assertThat(vault.folder("INBOX/Child")).isNotNull();

    FolderInfo old = vault.folder("Old Mail");
    assertThat(old.messages()).isEqualTo(2);
    assertThat(old.unseen()).isEqualTo(1);
    List<MessageMeta> metas = vault.messages("Old Mail", UidSet.all());
    assertThat(metas).extracting(MessageMeta::uid).containsExactly(1L, 2L);
    assertThat(metas.get(0).flags().has(SystemFlag.SEEN)).isTrue();
    assertThat(metas.get(0).internalDate()).isEqualTo(Instant.parse("2023-01-02T10:00:00Z"));
    assertThat(vault.fetch("Old Mail", 2)).isEqualTo(TestMessages.text("m2@x"));
  }

  @Test
  void deleteRefusesInboxAndParentsAndRemovesMessages() throws Exception {
    assertThatThrownBy(() -> vault.deleteFolder("inbox"))
        .isInstanceOf(FolderOperationRefusedException.class);
    vault.createFolder("p/q");
    assertThatThrownBy(() -> vault.deleteFolder("p"))
        .isInstanceOf(FolderOperationRefusedException.class);
    assertThatThrownBy(() -> vault.deleteFolder("nope"))
        .isInstanceOf(FolderNotFoundException.class);
    vault.append("p/q", NewMessage.of(TestMessages.text("m1@x")));
    vault.subscribe("p/q");

    vault.deleteFolder("p/q");
    vault.deleteFolder("p");

    assertThat(vault.listFolders()).extracting(FolderInfo::name).doesNotContain("p", "p/q");
    assertThat(vault.stats().messages()).isZero();
    assertThat(vault.stats().contents()).isZero();
    // RFC 9051 §6.3.7: a subscription outlives its folder.
    assertThat(vault.subscriptions()).contains("p/q");
    assertThatThrownBy(() -> vault.fetch("p/q", 1)).isInstanceOf(FolderNotFoundException.class);
  }

  @Test
  void aRecreatedFolderGetsANewUidValidity() throws Exception {
    long first = vault.createFolder("Temp").uidValidity();
    vault.deleteFolder("Temp");
    long second = vault.createFolder("Temp").uidValidity();
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void subscriptionsAreNamesThatNeedNotExist() throws Exception {
    vault.subscribe("Not/There");
    assertThat(vault.subscriptions()).contains("Not/There", "INBOX");
    assertThat(vault.unsubscribe("Not/There")).isTrue();
    assertThat(vault.unsubscribe("Not/There")).isFalse();
    assertThat(vault.unsubscribe("inbox")).isTrue();
    assertThat(vault.folder("INBOX").subscribed()).isFalse();
  }

  @Test
  void foldersSurviveReopening() throws Exception {
    vault.createFolder("Keep/Me");
    byte[] key = TestVaults.randomKey();
    try (Vault other = store.create("second", key, QuotaLedger.UNLIMITED)) {
      other.createFolder("Elsewhere");
    }
    try (Vault again = store.open("second", key, QuotaLedger.UNLIMITED)) {
      assertThat(again.listFolders()).extracting(FolderInfo::name).contains("Elsewhere");
    }
  }
}
