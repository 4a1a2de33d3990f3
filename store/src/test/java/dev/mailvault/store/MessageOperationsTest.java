package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.ExpungeResult;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageOperationsTest {

  @TempDir Path dir;
  private VaultStore store;
  private Vault vault;

  @BeforeEach
  void open() throws Exception {
    store = TestVaults.store(dir);
    vault = store.create("messages", TestVaults.randomKey(), QuotaLedger.UNLIMITED);
  }

  @AfterEach
  void close() {
    vault.close();
    store.close();
  }

  @Test
  void appendAssignsConsecutiveUidsAndBumpsUidNextAndModseq() throws Exception {
    FolderInfo before = vault.folder("INBOX");
    AppendResult first = vault.append("INBOX", NewMessage.of(TestMessages.text("a@x")));
    AppendResult second = vault.append("INBOX", NewMessage.of(TestMessages.text("b@x")));

    assertThat(first.uid()).isEqualTo(1);
    assertThat(second.uid()).isEqualTo(2);
    assertThat(first.uidValidity()).isEqualTo(before.uidValidity());
    assertThat(first.modseq()).isGreaterThan(before.highestModseq());
    assertThat(second.modseq()).isGreaterThan(first.modseq());
    FolderInfo after = vault.folder("INBOX");
    assertThat(after.uidNext()).isEqualTo(3);
    assertThat(after.highestModseq()).isEqualTo(second.modseq());
    assertThat(after.messages()).isEqualTo(2);
    assertThat(after.unseen()).isEqualTo(2);
    assertThat(after.size())
        .isEqualTo(TestMessages.text("a@x").length + TestMessages.text("b@x").length);
    assertThat(vault.uids("INBOX")).containsExactly(1, 2);
  }

  @Test
  void appendStoresTheBytesExactlyAndTheMetadata() throws Exception {
    byte[] raw =
        TestMessages.text(
            "meta@x",
            "Alice <alice@example.org>",
            "bob@example.net",
            "Quarterly report",
            "Numbers\nand more numbers");
    Instant date = Instant.parse("2022-05-06T07:08:09.750Z");
    vault.append(
        "INBOX",
        new NewMessage(
            raw,
            Flags.of(SystemFlag.FLAGGED, SystemFlag.SEEN).withKeywords("$Important", "Work"),
            date));

    assertThat(vault.fetch("INBOX", 1)).isEqualTo(raw);
    MessageMeta meta = vault.messages("INBOX", UidSet.of(1)).get(0);
    assertThat(meta.uid()).isEqualTo(1);
    assertThat(meta.size()).isEqualTo(raw.length);
    assertThat(meta.internalDate()).isEqualTo(Instant.parse("2022-05-06T07:08:09Z"));
    assertThat(meta.flags().system())
        .containsExactlyInAnyOrder(SystemFlag.FLAGGED, SystemFlag.SEEN);
    assertThat(meta.flags().keywords()).containsExactly("$Important", "Work");
    assertThat(meta.envelope()).contains("\"Quarterly report\"").contains("\"alice\"");
    assertThat(meta.bodyStructure()).startsWith("(\"text\" \"plain\"");
    assertThat(meta.body()).startsWith("(\"text\" \"plain\"");
    assertThat(meta.messageId()).isEqualTo("<meta@x>");
    assertThat(vault.folder("INBOX").unseen()).isZero();
  }

  @Test
  void fetchRangeReadsAnyRangeAndStopsAtTheEnd() throws Exception {
    byte[] raw =
        TestMessages.withAttachment(
            "range@x", "Range", "text", TestMessages.randomBytes(7, 700_000));
    vault.append("INBOX", NewMessage.of(raw));
    assertThat(vault.stats().blobs()).as("the attachment is stored as a chunked blob").isEqualTo(1);
    for (long[] range :
        new long[][] {
          {0, 10},
          {100, 5000},
          {262_000, 3000},
          {300_000, 400_000},
          {raw.length - 5, 5},
          {0, raw.length}
        }) {
      assertThat(vault.fetchRange("INBOX", 1, range[0], (int) range[1]))
          .isEqualTo(Arrays.copyOfRange(raw, (int) range[0], (int) (range[0] + range[1])));
    }
    assertThat(vault.fetchRange("INBOX", 1, raw.length - 3, 100))
        .isEqualTo(Arrays.copyOfRange(raw, raw.length - 3, raw.length));
    assertThat(vault.fetchRange("INBOX", 1, raw.length + 10, 100)).isEmpty();
    assertThat(vault.fetch("INBOX", 1)).isEqualTo(raw);
  }

  @Test
  void missingFoldersAndMessagesAreTypedErrors() throws Exception {
    assertThatThrownBy(() -> vault.append("Nope", NewMessage.of(TestMessages.text("x@x"))))
        .isInstanceOf(FolderNotFoundException.class);
    assertThatThrownBy(() -> vault.fetch("INBOX", 42)).isInstanceOf(MessageNotFoundException.class);
    assertThatThrownBy(() -> vault.copy("INBOX", UidSet.all(), "Nope"))
        .isInstanceOf(FolderNotFoundException.class);
    assertThat(vault.messages("INBOX", UidSet.all())).isEmpty();
    vault.append("INBOX", NewMessage.of(TestMessages.text("s@x")));
    assertThatThrownBy(() -> vault.fetchSection("INBOX", 1, "HEADER.FIELDS (FROM"))
        .isInstanceOf(dev.mailvault.core.mime.InvalidSectionException.class);
  }

  @Test
  void storeFlagsAddsRemovesReplacesAndBumpsModseqOnlyOnChange() throws Exception {
    vault.appendAll(
        "INBOX",
        List.of(
            NewMessage.of(TestMessages.text("1@x")),
            NewMessage.of(TestMessages.text("2@x")),
            NewMessage.of(TestMessages.text("3@x"))));
    long start = vault.folder("INBOX").highestModseq();

    List<MessageFlags> seen =
        vault.storeFlags("INBOX", UidSet.range(1, 2), FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
    assertThat(seen).extracting(MessageFlags::uid).containsExactly(1L, 2L);
    assertThat(seen).extracting(MessageFlags::modseq).containsOnly(start + 1);
    assertThat(vault.folder("INBOX").unseen()).isEqualTo(1);

    assertThat(vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.SEEN))))
        .isEmpty();
    assertThat(vault.folder("INBOX").highestModseq()).isEqualTo(start + 1);

    vault.storeFlags("INBOX", UidSet.of(2, 3), FlagUpdate.add(Flags.NONE.withKeywords("$Junk")));
    vault.storeFlags("INBOX", UidSet.of(2), FlagUpdate.remove(Flags.NONE.withKeywords("$JUNK")));
    List<MessageFlags> replaced =
        vault.storeFlags(
            "INBOX",
            UidSet.of(3),
            FlagUpdate.replace(Flags.of(SystemFlag.DELETED, SystemFlag.DRAFT)));
    assertThat(replaced.get(0).flags().system())
        .containsExactlyInAnyOrder(SystemFlag.DELETED, SystemFlag.DRAFT);
    assertThat(replaced.get(0).flags().keywords()).isEmpty();

    List<MessageMeta> metas = vault.messages("INBOX", UidSet.all());
    assertThat(metas.get(1).flags().keywords()).isEmpty();
    assertThat(metas.get(2).modseq()).isEqualTo(vault.folder("INBOX").highestModseq());
    assertThat(vault.folder("INBOX").deleted()).isEqualTo(1);
    assertThat(vault.changedSince("INBOX", UidSet.all(), start + 1))
        .extracting(MessageMeta::uid)
        .containsExactly(2L, 3L);
  }

  @Test
  void copyGivesNewUidsKeepsFlagsAndSharesContent() throws Exception {
    vault.createFolder("Work");
    vault.append("Work", NewMessage.of(TestMessages.text("w@x")));
    vault.append(
        "INBOX",
        new NewMessage(
            TestMessages.text("1@x"),
            Flags.of(SystemFlag.SEEN),
            Instant.parse("2021-01-01T00:00:00Z")));
    vault.append("INBOX", NewMessage.of(TestMessages.text("2@x")));
    long sourceModseq = vault.folder("INBOX").highestModseq();

    CopyResult result = vault.copy("INBOX", UidSet.all(), "Work");

    assertThat(result.uidValidity()).isEqualTo(vault.folder("Work").uidValidity());
    assertThat(result.sourceUids()).containsExactly(1L, 2L);
    assertThat(result.destinationUids()).containsExactly(2L, 3L);
    assertThat(vault.fetch("Work", 2)).isEqualTo(TestMessages.text("1@x"));
    MessageMeta copied = vault.messages("Work", UidSet.of(2)).get(0);
    assertThat(copied.flags().has(SystemFlag.SEEN)).isTrue();
    assertThat(copied.internalDate()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
    assertThat(vault.folder("Work").messages()).isEqualTo(3);
    assertThat(vault.folder("Work").unseen()).isEqualTo(2);
    assertThat(vault.folder("INBOX").messages()).isEqualTo(2);
    assertThat(vault.folder("INBOX").highestModseq()).isEqualTo(sourceModseq);
    assertThat(vault.stats().contents()).isEqualTo(3);
    assertThat(vault.stats().messages()).isEqualTo(5);

    assertThat(vault.copy("INBOX", UidSet.of(99), "Work").isEmpty()).isTrue();
  }

  @Test
  void moveGivesNewUidsAndLogsTheSourceAsExpunged() throws Exception {
    vault.append("INBOX", NewMessage.of(TestMessages.text("1@x")));
    vault.append(
        "INBOX",
        new NewMessage(TestMessages.text("2@x"), Flags.of(SystemFlag.FLAGGED), Instant.now()));
    long before = vault.folder("INBOX").highestModseq();

    CopyResult moved = vault.move("INBOX", UidSet.of(2), "Archive");

    assertThat(moved.sourceUids()).containsExactly(2L);
    assertThat(moved.destinationUids()).containsExactly(1L);
    assertThat(vault.uids("INBOX")).containsExactly(1);
    assertThat(vault.folder("INBOX").messages()).isEqualTo(1);
    assertThat(vault.folder("Archive").messages()).isEqualTo(1);
    assertThat(vault.expungedSince("INBOX", before)).containsExactly(2L);
    assertThat(vault.messages("Archive", UidSet.all()).get(0).flags().has(SystemFlag.FLAGGED))
        .isTrue();
    assertThat(vault.fetch("Archive", 1)).isEqualTo(TestMessages.text("2@x"));

    CopyResult within = vault.move("INBOX", UidSet.of(1), "INBOX");
    assertThat(within.destinationUids()).containsExactly(3L);
    assertThat(vault.uids("INBOX")).containsExactly(3);
    assertThat(vault.folder("INBOX").messages()).isEqualTo(1);
  }

  @Test
  void expungeRemovesOnlyDeletedMessagesAndLogsThem() throws Exception {
    for (int i = 1; i <= 4; i++) {
      vault.append("INBOX", NewMessage.of(TestMessages.text(i + "@x")));
    }
    vault.storeFlags("INBOX", UidSet.of(1, 2, 4), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
    long before = vault.folder("INBOX").highestModseq();

    ExpungeResult partial = vault.expunge("INBOX", UidSet.range(1, 3));
    assertThat(partial.uids()).containsExactly(1L, 2L);
    assertThat(partial.highestModseq()).isEqualTo(before + 1);
    assertThat(vault.uids("INBOX")).containsExactly(3, 4);

    ExpungeResult rest = vault.expunge("INBOX");
    assertThat(rest.uids()).containsExactly(4L);
    assertThat(vault.expungedSince("INBOX", before)).containsExactly(1L, 2L, 4L);
    assertThat(vault.expungedSince("INBOX", partial.highestModseq())).containsExactly(4L);

    ExpungeResult nothing = vault.expunge("INBOX");
    assertThat(nothing.uids()).isEmpty();
    assertThat(nothing.highestModseq()).isEqualTo(rest.highestModseq());

    FolderInfo inbox = vault.folder("INBOX");
    assertThat(inbox.messages()).isEqualTo(1);
    assertThat(inbox.deleted()).isZero();
    assertThat(inbox.uidNext()).isEqualTo(5);
    assertThat(vault.stats().contents()).isEqualTo(1);
  }

  @Test
  void appendAllIsAllOrNothing() throws Exception {
    List<AppendResult> results =
        vault.appendAll(
            "INBOX",
            List.of(
                NewMessage.of(TestMessages.text("1@x")), NewMessage.of(TestMessages.text("2@x"))));
    assertThat(results).extracting(AppendResult::uid).containsExactly(1L, 2L);
    assertThat(results).extracting(AppendResult::modseq).containsOnly(results.get(0).modseq());
  }

  @Test
  void appendIfAbsentStoresASpoolItemOnce() throws Exception {
    NewMessage message = NewMessage.of(TestMessages.text("spool@x"));
    assertThat(vault.isSpoolApplied("spool-1")).isFalse();
    assertThat(vault.appendIfAbsent("spool-1", "INBOX", message)).isPresent();
    assertThat(vault.appendIfAbsent("spool-1", "INBOX", message)).isEmpty();
    assertThat(vault.isSpoolApplied("spool-1")).isTrue();
    assertThat(vault.folder("INBOX").messages()).isEqualTo(1);
  }

  @Test
  void handlesRefuseWorkOnceClosedAndOthersCarryOn() throws Exception {
    byte[] key = TestVaults.randomKey();
    Vault one = store.create("shared", key, QuotaLedger.UNLIMITED);
    Vault two = store.open("shared", key, QuotaLedger.UNLIMITED);
    one.append("INBOX", NewMessage.of(TestMessages.text("1@x")));
    one.close();
    one.close();
    assertThatThrownBy(() -> one.folder("INBOX")).isInstanceOf(IllegalStateException.class);
    assertThat(store.isOpen("shared")).isTrue();
    assertThat(two.fetch("INBOX", 1)).isEqualTo(TestMessages.text("1@x"));
    two.append("INBOX", NewMessage.of(TestMessages.text("2@x")));
    two.close();
    assertThat(store.isOpen("shared")).isFalse();
    try (Vault three = store.open("shared", key, QuotaLedger.UNLIMITED)) {
      assertThat(three.uids("INBOX")).containsExactly(1, 2);
      assertThat(three.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void keywordsMustBeAtoms() {
    assertThatThrownBy(() -> Flags.NONE.withKeywords("two words"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Flags.NONE.withKeywords("\\Seen"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Flags.NONE.withKeywords("$Forwarded", "$forwarded").keywords()).hasSize(1);
  }
}
