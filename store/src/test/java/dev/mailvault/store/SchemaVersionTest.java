package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.SchemaMigrator;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations are keyed on user_version, applied on open, and never run backwards. */
class SchemaVersionTest {

  @TempDir Path dir;

  @Test
  void aNewVaultIsAtTheLatestVersion() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("v", key, QuotaLedger.UNLIMITED).close();
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        assertThat(c.queryLong("PRAGMA user_version").orElseThrow())
            .isEqualTo(SchemaMigrator.fromResources().latestVersion());
      }
    }
  }

  @Test
  void anEmptyFileIsMigratedAndGetsItsFoldersOnOpen() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      // What a crash right after the file was created leaves behind.
      java.nio.file.Files.createDirectories(store.config().vaultsDir());
      java.nio.file.Files.createFile(store.fileOf("v"));
      try (Vault vault = store.open("v", key, QuotaLedger.UNLIMITED)) {
        assertThat(vault.listFolders()).hasSize(6);
      }
    }
  }

  @Test
  void aVaultFromANewerVersionIsRefused() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("v", key, QuotaLedger.UNLIMITED).close();
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        c.execute("PRAGMA user_version = 999");
      }
      assertThatThrownBy(() -> store.open("v", key, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultSchemaException.class)
          .hasMessageContaining("999");
      assertThat(store.isOpen("v")).isFalse();
    }
  }

  @Test
  void aVaultAtAnOlderVersionIsMigratedOnOpen() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("v", key, QuotaLedger.UNLIMITED).close();
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        // Put it back to schema 1 as it was released: with the sort index 0002 drops and the
        // preview column 0003 drops.
        c.execute("CREATE INDEX messages_folder_subject ON messages(folder_id, subject)");
        c.execute("ALTER TABLE messages ADD COLUMN preview TEXT NOT NULL DEFAULT ''");
        c.execute("DROP INDEX messages_folder_sent_day");
        c.execute("ALTER TABLE messages DROP COLUMN sent_day");
        c.execute("ALTER TABLE contents DROP COLUMN data");
        c.execute("ALTER TABLE contents DROP COLUMN codec");
        TestVaults.dropSortColumns(c); // added by schema 9
        c.execute("DROP TABLE imported"); // added by schema 6
        c.execute("DROP INDEX messages_folder_saved"); // added by schema 11
        c.execute("ALTER TABLE messages DROP COLUMN save_date");
        c.execute("PRAGMA user_version = 1");
      }
      store.open("v", key, QuotaLedger.UNLIMITED).close();
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        assertThat(c.queryLong("PRAGMA user_version").orElseThrow())
            .isEqualTo(SchemaMigrator.fromResources().latestVersion());
        assertThat(
                c.queryLong(
                        "SELECT count(*) FROM pragma_table_info('messages') WHERE name = 'preview'")
                    .orElseThrow())
            .isZero();
        assertThat(
                c.queryLong(
                        "SELECT count(*) FROM sqlite_master WHERE name = 'messages_folder_subject'")
                    .orElseThrow())
            .isZero();
      }
    }
  }

  @Test
  void contentsStoredInSegmentsBeforeSchema5StayReadableNextToInlineOnes() throws Exception {
    byte[] key = TestVaults.randomKey();
    byte[] old = TestMessages.text("old@x");
    byte[] attachment =
        TestMessages.withAttachment(
            "big@x", "Big", "see attached", TestMessages.randomBytes(5, 90_000));
    try (VaultStore store = TestVaults.store(dir)) {
      try (Vault vault = store.create("v", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", NewMessage.of(old));
        vault.append("INBOX", NewMessage.of(attachment));
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        // Back to schema 4, as it stored a message: its one chunk in a segments row.
        c.execute(
            "INSERT INTO segments(content_id, offset, length, codec, data)"
                + " SELECT id, 0, size, codec, data FROM contents WHERE data IS NOT NULL");
        c.execute("ALTER TABLE contents DROP COLUMN data");
        c.execute("ALTER TABLE contents DROP COLUMN codec");
        TestVaults.dropSortColumns(c); // added by schema 9
        c.execute("DROP TABLE imported"); // added by schema 6
        c.execute("DROP INDEX messages_folder_saved"); // added by schema 11
        c.execute("ALTER TABLE messages DROP COLUMN save_date");
        c.execute("PRAGMA user_version = 4");
      }
      byte[] fresh = TestMessages.text("new@x");
      try (Vault vault = store.open("v", key, QuotaLedger.UNLIMITED)) {
        vault.append("INBOX", NewMessage.of(fresh));
        assertThat(vault.fetch("INBOX", 1)).isEqualTo(old);
        assertThat(vault.fetchRange("INBOX", 1, 10, 20))
            .isEqualTo(java.util.Arrays.copyOfRange(old, 10, 30));
        assertThat(vault.fetch("INBOX", 2)).isEqualTo(attachment);
        assertThat(vault.fetch("INBOX", 3)).isEqualTo(fresh);
        assertThat(vault.fetchRange("INBOX", 3, 10, 20))
            .isEqualTo(java.util.Arrays.copyOfRange(fresh, 10, 30));
        assertThat(vault.integrityCheck()).isEqualTo("ok");
      }
      try (VaultConnection c = TestVaults.rawConnection(store, "v", key)) {
        assertThat(c.queryLong("PRAGMA user_version").orElseThrow())
            .isEqualTo(SchemaMigrator.fromResources().latestVersion());
        // The old message stays in segments, the new one is in its contents row; the message with
        // a large body keeps its segments either way.
        assertThat(c.queryLong("SELECT count(*) FROM contents WHERE data IS NULL").orElseThrow())
            .isEqualTo(2);
        assertThat(
                c.queryLong(
                        "SELECT count(*) FROM contents c WHERE data IS NOT NULL AND NOT EXISTS"
                            + " (SELECT 1 FROM segments s WHERE s.content_id = c.id)")
                    .orElseThrow())
            .isEqualTo(1);
      }
    }
  }
}
