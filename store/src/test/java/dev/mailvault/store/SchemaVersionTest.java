package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
