package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.DateRelation;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.SchemaMigrator;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration 0004: a schema-3 vault gets sent_day, filled from sent_date, and its index. */
class SentDayMigrationTest {

  @TempDir Path dir;

  private static NewMessage dated(String date) {
    byte[] raw =
        ("From: a@example.org\r\nSubject: s\r\nDate: " + date + "\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    return new NewMessage(raw, Flags.NONE, Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void aSchema3VaultIsMigratedAndAnswersSentDateKeys() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", dated("Tue, 05 Mar 2024 10:00:00 +0000"));
        vault.append("INBOX", dated("Wed, 06 Mar 2024 10:00:00 +0000"));
        vault.append("INBOX", NewMessage.of("Subject: no date\r\n\r\nx\r\n".getBytes()));
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        // Schema 3 as released: no sent_day column, no index on it.
        c.execute("DROP INDEX messages_folder_sent_day");
        c.execute("ALTER TABLE messages DROP COLUMN sent_day");
        // Nor the contents columns of schema 5: contents lived in segments rows.
        c.execute(
            "INSERT INTO segments(content_id, offset, length, codec, data)"
                + " SELECT id, 0, size, codec, data FROM contents WHERE data IS NOT NULL");
        c.execute("ALTER TABLE contents DROP COLUMN data");
        c.execute("ALTER TABLE contents DROP COLUMN codec");
        TestVaults.dropSortColumns(c); // added by schema 9
        c.execute("DROP TABLE imported"); // added by schema 6
        c.execute("DROP INDEX messages_folder_saved"); // added by schema 11
        c.execute("ALTER TABLE messages DROP COLUMN save_date");
        c.execute("PRAGMA user_version = 3");
      }
      try (Vault vault = store.open("v", key, QuotaLedger.UNLIMITED)) {
        assertThat(
                vault.search(
                    "INBOX", new SearchQuery.SentDate(DateRelation.ON, LocalDate.of(2024, 3, 6))))
            .containsExactly(2);
        assertThat(
                vault.search(
                    "INBOX",
                    new SearchQuery.Not(
                        new SearchQuery.SentDate(DateRelation.SINCE, LocalDate.of(2024, 3, 6)))))
            .as("a message without a Date header matches no SENT* key, so NOT matches it")
            .containsExactly(1, 3);
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        assertThat(c.queryLong("PRAGMA user_version").orElseThrow())
            .isEqualTo(SchemaMigrator.fromResources().latestVersion());
        assertThat(
                c.queryLong(
                        "SELECT count(*) FROM sqlite_master WHERE name = 'messages_folder_sent_day'")
                    .orElseThrow())
            .isEqualTo(1);
        assertThat(c.queryString("SELECT sent_day FROM messages WHERE uid = 1"))
            .isEqualTo("2024-03-05");
        assertThat(c.queryString("SELECT sent_day FROM messages WHERE uid = 3")).isNull();
      }
    }
  }
}
