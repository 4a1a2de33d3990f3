package dev.mailvault.store.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The once-only import store: folders created, flags and dates kept, keys never stored twice. */
class MailImportTest {

  @TempDir Path dir;

  private static byte[] message(String id) {
    return ("Message-ID: <" + id + ">\r\nSubject: s " + id + "\r\n\r\nbody " + id + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] dataKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  @Test
  void addCreatesNestedFoldersAndKeepsFlagsKeywordsAndDate() throws Exception {
    Instant date = Instant.parse("2021-03-04T05:06:07Z");
    Flags flags = Flags.of(SystemFlag.SEEN, SystemFlag.FLAGGED).withKeywords("$Label1", "work");
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(dir));
        Vault vault = store.create("v", dataKey(), QuotaLedger.UNLIMITED)) {
      MailImport in = new MailImport(vault);
      ImportedMessage result =
          in.add("Archive/2021/March", key("a"), new NewMessage(message("a"), flags, date));

      assertThat(result).isEqualTo(new ImportedMessage("Archive/2021/March", 1, true));
      assertThat(vault.listFolders().stream().map(FolderInfo::name))
          .contains("Archive", "Archive/2021", "Archive/2021/March");
      MessageMeta meta = vault.messages("Archive/2021/March", UidSet.all()).get(0);
      assertThat(meta.flags().sameAs(flags)).isTrue();
      assertThat(meta.internalDate()).isEqualTo(date);
      assertThat(vault.fetch("Archive/2021/March", 1)).isEqualTo(message("a"));
      assertThat(in.imported(key("a"))).isTrue();
      assertThat(in.imported(key("b"))).isFalse();
    }
  }

  @Test
  void aKeyStoredBeforeIsSkippedAndReportsWhatItBecame() throws Exception {
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(dir));
        Vault vault = store.create("v", dataKey(), QuotaLedger.UNLIMITED)) {
      MailImport in = new MailImport(vault);
      in.add("INBOX", key("x"), NewMessage.of(message("x")));
      in.add("INBOX", key("y"), NewMessage.of(message("y")));

      ImportedMessage again = in.add("Other", key("y"), NewMessage.of(message("y")));

      assertThat(again).isEqualTo(new ImportedMessage("INBOX", 2, false));
      assertThat(vault.uids("INBOX")).containsExactly(1, 2);
      assertThat(vault.listFolders().stream().map(FolderInfo::name)).doesNotContain("Other");
    }
  }

  @Test
  void aBatchSkipsKeysRepeatedWithinItAndSurvivesReopening() throws Exception {
    byte[] k = dataKey();
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(dir))) {
      try (Vault vault = store.create("v", k, QuotaLedger.UNLIMITED)) {
        List<ImportedMessage> results =
            new MailImport(vault)
                .addAll(
                    List.of(
                        new ImportItem("A", key("1"), NewMessage.of(message("1"))),
                        new ImportItem("B", key("2"), NewMessage.of(message("2"))),
                        new ImportItem("A", key("1"), NewMessage.of(message("1")))));
        assertThat(results)
            .containsExactly(
                new ImportedMessage("A", 1, true),
                new ImportedMessage("B", 1, true),
                new ImportedMessage("A", 1, false));
      }
      try (Vault vault = store.open("v", k, QuotaLedger.UNLIMITED)) {
        MailImport in = new MailImport(vault);
        assertThat(in.imported(key("1"))).isTrue();
        assertThat(in.add("A", key("2"), NewMessage.of(message("2"))).added()).isFalse();
        assertThat(vault.uids("A")).containsExactly(1);
        assertThat(vault.uids("B")).containsExactly(1);
      }
    }
  }

  @Test
  void overQuotaStoresNothingOfTheBatchAndRecordsNoKey() throws Exception {
    QuotaLedger twoMessages =
        new QuotaLedger() {
          private long count;

          @Override
          public synchronized void reserve(long bytes, long messages) throws OverQuotaException {
            if (count + messages > 2) {
              throw new OverQuotaException("alias messages", "mailbox is over its message quota");
            }
            count += messages;
          }

          @Override
          public synchronized void release(long bytes, long messages) {
            count -= messages;
          }
        };
    try (VaultStore store = new VaultStore(VaultStoreConfig.defaults(dir));
        Vault vault = store.create("v", dataKey(), twoMessages)) {
      MailImport in = new MailImport(vault);
      List<ImportItem> three =
          List.of(
              new ImportItem("INBOX", key("1"), NewMessage.of(message("1"))),
              new ImportItem("INBOX", key("2"), NewMessage.of(message("2"))),
              new ImportItem("INBOX", key("3"), NewMessage.of(message("3"))));

      assertThatThrownBy(() -> in.addAll(three)).isInstanceOf(OverQuotaException.class);

      assertThat(vault.uids("INBOX")).isEmpty();
      assertThat(in.imported(key("1"))).isFalse();
      assertThat(in.addAll(three.subList(0, 2))).allMatch(ImportedMessage::added);
    }
  }

  @Test
  void anEmptyOrOversizedKeyIsRefused() {
    NewMessage m = NewMessage.of(message("k"));
    assertThatThrownBy(() -> new ImportItem("INBOX", new byte[0], m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImportItem("INBOX", new byte[65], m))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
