package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.mime.ByteSource;
import dev.mailvault.core.mime.MessageParser;
import dev.mailvault.core.mime.SectionReader;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two messages that carry the same large attachment store it once. */
class DedupTest {

  private static final int ONE_MB = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void aSharedAttachmentIsStoredOnceKeptWhileUsedAndFreedAfter() throws Exception {
    byte[] attachment = TestMessages.randomBytes(42, ONE_MB);
    byte[] first = TestMessages.withAttachment("one@x", "First", "Here it is.", attachment);
    byte[] second =
        TestMessages.withAttachment("two@x", "Second", "Again, with other words.", attachment);

    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("dedup", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      Path file = store.fileOf("dedup");
      vault.checkpoint();
      long empty = Files.size(file);

      vault.append("INBOX", NewMessage.of(first));
      vault.checkpoint();
      long afterFirst = Files.size(file);
      vault.append("INBOX", NewMessage.of(second));
      vault.checkpoint();
      long afterSecond = Files.size(file);

      VaultStats stats = vault.stats();
      assertThat(stats.blobs()).isEqualTo(1);
      assertThat(stats.contents()).isEqualTo(2);
      long growthFirst = afterFirst - empty;
      long growthSecond = afterSecond - afterFirst;
      // The base64 attachment is ~1.4 MB; stored compressed it is still well above 700 KB.
      assertThat(growthFirst).isGreaterThan(700_000);
      assertThat(growthSecond).as("the second message adds its own bytes only").isLessThan(50_000);

      byte[] attachmentPart =
          SectionReader.read(MessageParser.parse(second).root(), ByteSource.of(second), "2");
      assertThat(vault.fetchSection("INBOX", 2, "2")).isEqualTo(attachmentPart);

      vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
      vault.expunge("INBOX");
      assertThat(vault.stats().blobs()).as("still used by the second message").isEqualTo(1);
      assertThat(vault.fetch("INBOX", 2)).isEqualTo(second);

      vault.storeFlags("INBOX", UidSet.of(2), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
      vault.expunge("INBOX");
      vault.checkpoint();
      VaultStats freed = vault.stats();
      assertThat(freed.blobs()).isZero();
      assertThat(freed.contents()).isZero();
      assertThat(freed.storedBytes()).isZero();
      assertThat(freed.freelistCount() * freed.pageSize())
          .as("the attachment's pages are free for reuse")
          .isGreaterThan(growthFirst * 8 / 10);
      // The full-text index records deletions in a new segment of a page or two until it merges
      // them (ADR 0219): the file grows by those at most.
      long slack = 4L * freed.pageSize();
      assertThat(Files.size(file)).isBetween(afterSecond, afterSecond + slack);

      vault.append("INBOX", NewMessage.of(first));
      vault.checkpoint();
      assertThat(Files.size(file))
          .as("a new message reuses the free pages")
          .isBetween(afterSecond, afterSecond + slack);
      assertThat(vault.fetch("INBOX", 3)).isEqualTo(first);
    }
  }

  @Test
  void aCopySharesTheWholeContent() throws Exception {
    byte[] raw =
        TestMessages.withAttachment(
            "c@x", "Copy me", "text", TestMessages.compressibleBytes(300_000));
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("copies", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", NewMessage.of(raw));
      vault.copy("INBOX", UidSet.of(1), "Archive");
      assertThat(vault.stats().contents()).isEqualTo(1);
      vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
      vault.expunge("INBOX");
      assertThat(vault.fetch("Archive", 1)).isEqualTo(raw);
      assertThat(vault.stats().blobs()).isEqualTo(1);
      vault.deleteFolder("Archive");
      assertThat(vault.stats().contents()).isZero();
      assertThat(vault.stats().blobs()).isZero();
    }
  }
}
