package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.ConditionalStore;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What CONDSTORE and QRESYNC read from the store (RFC 7162): every change raises HIGHESTMODSEQ and
 * the MODSEQ of what it touched, a change to nothing raises nothing, every expunge is logged with
 * its MODSEQ, and UIDNEXT is known for every earlier MODSEQ (ADRs 0211, 0212).
 */
class ModseqTest {

  @TempDir Path dir;
  private VaultStore store;
  private Vault vault;

  @BeforeEach
  void open() throws Exception {
    store = TestVaults.store(dir);
    vault = store.create("modseq", TestVaults.randomKey(), QuotaLedger.UNLIMITED);
  }

  @AfterEach
  void close() {
    vault.close();
    store.close();
  }

  private long highest() throws Exception {
    return vault.folder("INBOX").highestModseq();
  }

  private long modseqOf(long uid) throws Exception {
    return vault.messages("INBOX", UidSet.of(uid)).get(0).modseq();
  }

  @Test
  void everyKindOfChangeRaisesTheModseqAndUnchangedFlagsRaiseNothing() throws Exception {
    long empty = highest();
    for (int i = 1; i <= 4; i++) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("m" + i + "@x")));
    }
    long appended = highest();
    assertThat(appended).isEqualTo(empty + 4);
    assertThat(modseqOf(4)).isEqualTo(appended);

    vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
    assertThat(modseqOf(1)).isEqualTo(highest()).isGreaterThan(appended);
    vault.storeFlags("INBOX", UidSet.of(2), FlagUpdate.add(Flags.NONE.withKeywords("$Work")));
    assertThat(modseqOf(2)).isEqualTo(highest());

    long before = highest();
    assertThat(vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.SEEN))))
        .isEmpty();
    assertThat(highest()).isEqualTo(before);
    assertThat(modseqOf(1)).isEqualTo(before - 1);

    vault.copy("INBOX", UidSet.of(3), "Archive");
    assertThat(highest()).as("a copy does not change the source").isEqualTo(before);
    vault.move("INBOX", UidSet.of(3), "Archive");
    long moved = highest();
    assertThat(moved).isGreaterThan(before);
    assertThat(vault.expungedSince("INBOX", before)).containsExactly(3L);

    vault.storeFlags("INBOX", UidSet.of(4), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
    vault.expunge("INBOX");
    assertThat(vault.expungedSince("INBOX", moved)).containsExactly(4L);
    assertThat(vault.expungedSince("INBOX", empty)).containsExactly(3L, 4L);
    assertThat(vault.expungedSince("INBOX", highest())).isEmpty();

    List<MessageMeta> changed = vault.changedSince("INBOX", UidSet.all(), appended, false);
    assertThat(changed).extracting(MessageMeta::uid).containsExactly(1L, 2L);
  }

  @Test
  void unchangedSinceLeavesLaterChangesAloneInTheSameTransaction() throws Exception {
    for (int i = 1; i <= 3; i++) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("m" + i + "@x")));
    }
    long appended = highest();
    vault.storeFlags("INBOX", UidSet.of(2), FlagUpdate.add(Flags.of(SystemFlag.FLAGGED)));

    ConditionalStore result =
        vault.storeFlags(
            "INBOX", UidSet.range(1, 3), FlagUpdate.add(Flags.of(SystemFlag.SEEN)), appended);
    assertThat(result.modified()).containsExactly(2L);
    assertThat(result.changed()).extracting(f -> f.uid()).containsExactly(1L, 3L);
    assertThat(modseqOf(2)).isEqualTo(appended + 1);

    ConditionalStore none =
        vault.storeFlags("INBOX", UidSet.range(1, 3), FlagUpdate.add(Flags.of(SystemFlag.SEEN)), 0);
    assertThat(none.modified()).containsExactly(1L, 2L, 3L);
    assertThat(none.changed()).isEmpty();
  }

  @Test
  void uidNextIsKnownForEveryModseqFromTheFolderOn() throws Exception {
    long empty = highest();
    assertThat(vault.uidNextAt("INBOX", empty)).hasValue(1);
    vault.append("INBOX", NewMessage.of(TestMessages.text("a@x")));
    long one = highest();
    vault.storeFlags("INBOX", UidSet.of(1), FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
    vault.append("INBOX", NewMessage.of(TestMessages.text("b@x")));
    assertThat(vault.uidNextAt("INBOX", empty)).hasValue(1);
    assertThat(vault.uidNextAt("INBOX", one)).hasValue(2);
    assertThat(vault.uidNextAt("INBOX", one + 1)).as("a flag change adds no UID").hasValue(2);
    assertThat(vault.uidNextAt("INBOX", highest())).hasValue(3);
    vault.createFolder("Fresh");
    assertThat(vault.uidNextAt("Fresh", 1)).hasValue(1);
    assertThat(vault.keywords("INBOX")).isEmpty();
    vault.storeFlags("INBOX", UidSet.of(2), FlagUpdate.add(Flags.NONE.withKeywords("$Work")));
    assertThat(vault.keywords("INBOX")).containsExactly("$Work");
  }
}
