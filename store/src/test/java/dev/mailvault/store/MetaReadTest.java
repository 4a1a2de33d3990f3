package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata of scattered UIDs, with and without the structure strings. */
class MetaReadTest {

  @TempDir Path dir;

  @Test
  void scatteredUidsComeBackExactlyWithOrWithoutStructure() throws Exception {
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("meta", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      for (int i = 1; i <= 12; i++) {
        vault.append("INBOX", NewMessage.of(TestMessages.text("<m" + i + "@x>")));
      }
      UidSet scattered = UidSet.of(1, 3, 5, 6, 9, 12, 40);

      List<MessageMeta> full = vault.messages("INBOX", scattered, true);
      List<MessageMeta> flat = vault.messages("INBOX", scattered, false);

      assertThat(full).extracting(MessageMeta::uid).containsExactly(1L, 3L, 5L, 6L, 9L, 12L);
      assertThat(full).isEqualTo(vault.messages("INBOX", scattered));
      assertThat(full.get(0).envelope()).contains("m1@x");
      assertThat(flat).extracting(MessageMeta::uid).containsExactly(1L, 3L, 5L, 6L, 9L, 12L);
      assertThat(flat).allSatisfy(m -> assertThat(m.envelope() + m.bodyStructure()).isEmpty());
      assertThat(flat)
          .extracting(MessageMeta::flags, MessageMeta::size, MessageMeta::internalDate)
          .isEqualTo(
              full.stream().map(m -> Tuple.tuple(m.flags(), m.size(), m.internalDate())).toList());
    }
  }

  /** The narrow index answers flag reads without touching the wide rows (vault schema 7). */
  @Test
  void flagReadsAndFlagSearchesUseTheNarrowIndexAlone() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("plan", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", NewMessage.of(TestMessages.text("<p@x>")));
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "plan", key)) {
        assertThat(
                plan(
                    c,
                    "SELECT uid, modseq, flags, keywords, internal_date, size FROM messages"
                        + " WHERE folder_id = 1 AND uid BETWEEN 1 AND 9 AND modseq > 0 ORDER BY uid"))
            .contains("COVERING INDEX messages_folder_sync");
        assertThat(
                plan(
                    c,
                    "SELECT uid FROM messages WHERE folder_id = 1 AND (flags & 1) = 0"
                        + " ORDER BY uid"))
            .contains("COVERING INDEX messages_folder_sync");
      }
    }
  }

  private static String plan(VaultConnection c, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = c.bind("EXPLAIN QUERY PLAN " + sql).executeQuery()) {
      while (rows.next()) {
        plan.append(rows.getString("detail")).append('\n');
      }
    }
    return plan.toString();
  }
}
