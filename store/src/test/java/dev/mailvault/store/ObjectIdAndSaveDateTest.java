package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.DateRelation;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.SchemaMigrator;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message's EMAILID (its content id, RFC 8474) and save date (RFC 8514, migration 0010) as the
 * store keeps them: shared by copies, kept by moves, never reused after a restart; save dates set
 * by every way into a folder, NULL for rows from before, and searched through their index.
 */
class ObjectIdAndSaveDateTest {

  @TempDir Path dir;

  private static NewMessage message(String id) {
    return new NewMessage(
        TestMessages.text("<" + id + "@x>"), Flags.NONE, Instant.parse("2020-01-02T03:04:05Z"));
  }

  @Test
  void copiesShareTheEmailIdMovesKeepItAndBothGetANewSaveDate() throws Exception {
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("ids", TestVaults.randomKey(), QuotaLedger.UNLIMITED)) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      vault.append("INBOX", message("a"));
      vault.append("INBOX", message("b"));
      MessageMeta a = only(vault.messages("INBOX", UidSet.of(1), true));
      MessageMeta b = only(vault.messages("INBOX", UidSet.of(2), true));
      assertThat(a.emailId()).isPositive().isNotEqualTo(b.emailId());
      assertThat(a.saveDate()).isBetween(before, Instant.now());
      assertThat(a.internalDate()).isEqualTo(Instant.parse("2020-01-02T03:04:05Z"));

      vault.copy("INBOX", UidSet.of(1), "Archive");
      vault.move("INBOX", UidSet.of(2), "Trash");
      MessageMeta copy = only(vault.messages("Archive", UidSet.of(1), true));
      MessageMeta moved = only(vault.messages("Trash", UidSet.of(1), true));
      assertThat(copy.emailId()).isEqualTo(a.emailId());
      assertThat(moved.emailId()).isEqualTo(b.emailId());
      assertThat(copy.saveDate()).isNotNull().isAfterOrEqualTo(a.saveDate());
      assertThat(moved.saveDate()).isNotNull().isAfterOrEqualTo(b.saveDate());

      assertThat(vault.search("Archive", new SearchQuery.EmailId(a.emailId()))).containsExactly(1);
      assertThat(vault.search("INBOX", new SearchQuery.EmailId(a.emailId()))).containsExactly(1);
      assertThat(vault.search("INBOX", new SearchQuery.EmailId(b.emailId()))).isEmpty();

      // A flat read (the narrow index) does not read them.
      MessageMeta flat = only(vault.messages("INBOX", UidSet.of(1), false));
      assertThat(flat.emailId()).isZero();
      assertThat(flat.saveDate()).isNull();
    }
  }

  @Test
  void anEmailIdIsNeverGivenToOtherContentEvenAfterARestart() throws Exception {
    byte[] key = TestVaults.randomKey();
    long deleted;
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("reuse", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", message("a"));
        vault.append("INBOX", message("b"));
        deleted = only(vault.messages("INBOX", UidSet.of(2), true)).emailId();
        vault.storeFlags("INBOX", UidSet.of(2), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
        vault.expunge("INBOX");
      }
    }
    // A new store: nothing of the first one's memory is left, only the vault file.
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.open("reuse", key, QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", message("c"));
      long fresh = only(vault.messages("INBOX", UidSet.of(3), true)).emailId();
      assertThat(fresh).isGreaterThan(deleted);
      assertThat(vault.search("INBOX", new SearchQuery.EmailId(deleted))).isEmpty();
    }
  }

  @Test
  void rowsFromBeforeSchema11HaveNoSaveDateAndSearchTheirInternalDate() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("old", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", message("old"));
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "old", key)) {
        // Schema 10 as it stored the message: no save_date column, no index on it.
        c.execute("DROP INDEX messages_folder_saved");
        c.execute("ALTER TABLE messages DROP COLUMN save_date");
        c.execute("PRAGMA user_version = 9");
      }
      try (Vault vault = store.open("old", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", message("new"));
        MessageMeta old = only(vault.messages("INBOX", UidSet.of(1), true));
        MessageMeta fresh = only(vault.messages("INBOX", UidSet.of(2), true));
        assertThat(old.saveDate()).isNull();
        assertThat(fresh.saveDate()).isNotNull();
        LocalDate internalDay = LocalDate.of(2020, 1, 2);
        assertThat(vault.search("INBOX", new SearchQuery.SaveDate(DateRelation.ON, internalDay)))
            .containsExactly(1);
        assertThat(
                vault.search(
                    "INBOX",
                    new SearchQuery.SaveDate(DateRelation.BEFORE, internalDay.plusDays(1))))
            .containsExactly(1);
        assertThat(
                vault.search(
                    "INBOX", new SearchQuery.SaveDate(DateRelation.SINCE, internalDay.plusDays(1))))
            .containsExactly(2);
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "old", key)) {
        assertThat(c.queryLong("PRAGMA user_version").orElseThrow())
            .isEqualTo(SchemaMigrator.fromResources().latestVersion());
      }
    }
  }

  @Test
  void saveDateSearchesUseTheirIndex() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("plan", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", message("p"));
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "plan", key)) {
        for (String condition :
            List.of(
                "coalesce(save_date, internal_date) < '2024-01-02'",
                "(coalesce(save_date, internal_date) >= '2024-01-02'"
                    + " AND coalesce(save_date, internal_date) < '2024-01-03')",
                "coalesce(save_date, internal_date) >= '2024-01-02'")) {
          assertThat(plan(c, "SELECT uid FROM messages WHERE folder_id = 1 AND " + condition))
              .as(condition)
              .contains("INDEX messages_folder_saved");
        }
        assertThat(plan(c, "SELECT uid FROM messages WHERE folder_id = 1 AND content_id = 1"))
            .contains("INDEX messages_content");
      }
    }
  }

  private static MessageMeta only(List<MessageMeta> metas) {
    assertThat(metas).hasSize(1);
    return metas.get(0);
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
