package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a QRESYNC re-select reads is brought forward from what was read before, never read whole
 * again, and still equals a whole read (docs/adr/0232-resync-reads-what-changed.md): the UID list,
 * the messages changed since a mod-sequence, and the keywords in use.
 */
class ResyncReadsTest {

  private static final String[] KEYWORDS = {"$Work", "$Later", "Todo", "$Junk"};

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void everyReadEqualsAWholeReadAfterRandomWrites(long seed) throws Exception {
    Random random = new Random(seed);
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("resync", key, QuotaLedger.UNLIMITED)) {
      vault.createFolder("Other");
      for (int i = 0; i < 120; i++) {
        vault.append("INBOX", NewMessage.of(TestMessages.text("<m" + i + "@x>")));
      }
      List<Long> modseqs = new ArrayList<>();
      Set<String> everUsed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      for (int step = 0; step < 40; step++) {
        modseqs.add(vault.folder("INBOX").highestModseq());
        everUsed.addAll(randomWrite(vault, random));
        long[] uids = vault.uids("INBOX");
        List<MessageMeta> all = vault.messages("INBOX", UidSet.all(), false);
        assertThat(uids).containsExactly(all.stream().mapToLong(MessageMeta::uid).toArray());

        long since = modseqs.get(random.nextInt(modseqs.size()));
        UidSet known = randomSet(random);
        assertThat(vault.changedSince("INBOX", known, since, false))
            .as("changed since %d within %s", since, known)
            .isEqualTo(
                all.stream().filter(m -> m.modseq() > since && known.contains(m.uid())).toList());

        Set<String> inUse = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        all.forEach(m -> inUse.addAll(m.flags().keywords()));
        // The list only grows while the store keeps it (as Dovecot's): every keyword in use, and
        // nothing that was never set.
        assertThat(vault.keywords("INBOX")).containsAll(inUse).isSubsetOf(everUsed);
      }
      Set<String> inUse = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      vault.messages("INBOX", UidSet.all(), false).forEach(m -> inUse.addAll(m.flags().keywords()));
      try (VaultStore fresh = TestVaults.store(dir);
          Vault again = fresh.open("resync", key, QuotaLedger.UNLIMITED)) {
        assertThat(again.keywords("INBOX")).as("read whole").containsExactlyElementsOf(inUse);
      }
    }
  }

  /** A few changes among many are looked up through the mod-sequence index. */
  @Test
  void fewChangesAreFoundThroughTheModseqIndex() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("plan", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", NewMessage.of(TestMessages.text("<p@x>")));
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "plan", key)) {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows =
            c.bind(
                    "EXPLAIN QUERY PLAN SELECT count(*) FROM (SELECT 1 FROM messages INDEXED BY"
                        + " messages_folder_modseq WHERE folder_id = 1 AND modseq > 5 LIMIT 9)")
                .executeQuery()) {
          while (rows.next()) {
            plan.append(rows.getString("detail")).append('\n');
          }
        }
        assertThat(plan.toString()).contains("COVERING INDEX messages_folder_modseq");
        assertThat(MessageTable.changedCount(c, 1, 0, 9)).isEqualTo(1);
        assertThat(MessageTable.changedCount(c, 1, 1_000_000, 9)).isZero();
      }
    }
  }

  /** One write: flags, keywords, an expunge, a move, a copy in, or new messages. */
  private static Set<String> randomWrite(Vault vault, Random random) throws Exception {
    long[] uids = vault.uids("INBOX");
    UidSet some = pick(uids, random, 1 + random.nextInt(uids.length > 60 ? 30 : 3));
    String keyword = KEYWORDS[random.nextInt(KEYWORDS.length)];
    switch (random.nextInt(7)) {
      case 0 -> vault.storeFlags("INBOX", some, FlagUpdate.add(Flags.NONE.withKeywords(keyword)));
      case 1 -> {
        vault.storeFlags("INBOX", some, FlagUpdate.remove(Flags.NONE.withKeywords(keyword)));
        return Set.of();
      }
      case 2 -> {
        vault.storeFlags("INBOX", some, FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
        vault.expunge("INBOX", some);
        return Set.of();
      }
      case 3 -> {
        vault.move("INBOX", some, "Other");
        return Set.of();
      }
      case 4 -> {
        long[] other = vault.uids("Other");
        if (other.length > 0) {
          vault.storeFlags(
              "Other", pick(other, random, 2), FlagUpdate.add(Flags.NONE.withKeywords(keyword)));
          vault.move("Other", pick(other, random, 3), "INBOX");
        }
      }
      case 5 -> vault.storeFlags("INBOX", some, FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
      default -> {
        for (int i = random.nextInt(4); i >= 0; i--) {
          vault.append("INBOX", NewMessage.of(TestMessages.text("<n" + random.nextLong() + "@x>")));
        }
        return Set.of();
      }
    }
    return Set.of(keyword);
  }

  private static UidSet pick(long[] uids, Random random, int n) {
    if (uids.length == 0) {
      return UidSet.of(1);
    }
    List<Long> picked = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      picked.add(uids[random.nextInt(uids.length)]);
    }
    return UidSet.of(picked.stream().distinct().sorted().toList());
  }

  private static UidSet randomSet(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> UidSet.all();
      case 1 -> UidSet.range(1 + random.nextInt(60), 60 + random.nextInt(200));
      default -> UidSet.of(List.of(3L, 17L, 40L + random.nextInt(40), 150L));
    };
  }
}
