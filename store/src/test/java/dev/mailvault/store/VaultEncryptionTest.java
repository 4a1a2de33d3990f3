package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.sqlite.ConnectionFactory;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.mc.SQLiteMCChacha20Config;

/** The vault file is encrypted under the raw data key, and only that key opens it. */
class VaultEncryptionTest {

  private static final byte[] SQLITE_MAGIC =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  void fileHasNoPlainSqliteHeaderAndOnlyTheKeyOpensIt() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("v1", key, QuotaLedger.UNLIMITED).close();

      byte[] header = Arrays.copyOf(Files.readAllBytes(store.fileOf("v1")), 16);
      assertThat(header).isNotEqualTo(SQLITE_MAGIC);

      byte[] wrong = key.clone();
      wrong[31] ^= 1;
      assertThatThrownBy(() -> store.open("v1", wrong, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultKeyException.class)
          .hasMessage("the key does not open vault v1");

      try (Vault vault = store.open("v1", key, QuotaLedger.UNLIMITED)) {
        assertThat(vault.listFolders()).extracting(FolderInfo::name).contains("INBOX");
      }
    }
  }

  @Test
  void aSecondOpenWhileOpenMustPresentTheSameKey() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir);
        Vault first = store.create("v1", key, QuotaLedger.UNLIMITED)) {
      byte[] wrong = TestVaults.randomKey();
      assertThatThrownBy(() -> store.open("v1", wrong, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultKeyException.class);
      try (Vault second = store.open("v1", key, QuotaLedger.UNLIMITED)) {
        assertThat(second.listFolders()).hasSize(first.listFolders().size());
      }
    }
  }

  /**
   * The key is used as the page key itself: with a KDF in the way, opening with another iteration
   * count would derive another key and fail. The {@code x'..'} spelling, by contrast, is run
   * through the KDF by this SQLite3MultipleCiphers and does not open the vault.
   */
  @Test
  void theRawKeyBypassesKeyDerivation() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("v1", key, QuotaLedger.UNLIMITED).close();
      String url = "jdbc:sqlite:" + store.fileOf("v1");
      for (int kdfIter : new int[] {1, 12345, 64007, 200000}) {
        try (Connection c =
                new SQLiteMCChacha20Config()
                    .setKdfIter(kdfIter)
                    .withRawUnsaltedKey(key)
                    .build()
                    .createConnection(url);
            Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SELECT count(*) FROM folders")) {
          r.next();
          assertThat(r.getInt(1)).as("kdf_iter %d", kdfIter).isEqualTo(6);
        }
      }
      String hex = hex(key);
      assertThatThrownBy(
              () ->
                  new SQLiteMCChacha20Config()
                      .withKey("x'" + hex + "'")
                      .build()
                      .createConnection(url))
          .isInstanceOf(SQLException.class)
          .matches(e -> ConnectionFactory.isWrongKey((SQLException) e));
    }
  }

  @Test
  void everyConnectionGetsThePragmasOfTheDesign() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("v1", key, QuotaLedger.UNLIMITED).close();
      try (VaultConnection c = TestVaults.rawConnection(store, "v1", key)) {
        assertThat(c.queryString("PRAGMA cipher")).isEqualTo("chacha20");
        assertThat(c.queryString("PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(c.queryLong("PRAGMA busy_timeout").orElseThrow()).isEqualTo(5000);
        assertThat(c.queryLong("PRAGMA synchronous").orElseThrow()).isEqualTo(1); // NORMAL
        assertThat(c.queryLong("PRAGMA foreign_keys").orElseThrow()).isEqualTo(1);
        assertThat(c.queryString("PRAGMA encoding")).isEqualTo("UTF-8");
        assertThat(c.queryLong("PRAGMA temp_store").orElseThrow()).isEqualTo(2); // MEMORY
        assertThat(c.queryLong("PRAGMA secure_delete").orElseThrow()).isEqualTo(1);
      }
      Path file = store.fileOf("v1");
      try (VaultConnection full = new ConnectionFactory(file, key.clone(), true).open(false)) {
        assertThat(full.queryLong("PRAGMA synchronous").orElseThrow()).isEqualTo(2); // FULL
      }
    }
  }

  @Test
  void openingAMissingVaultOrCreatingAnExistingOneFails() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      assertThatThrownBy(() -> store.open("nope", key, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultNotFoundException.class);
      assertThat(store.exists("nope")).isFalse();
      store.create("v1", key, QuotaLedger.UNLIMITED).close();
      assertThatThrownBy(() -> store.create("v1", key, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultExistsException.class);
      assertThatThrownBy(() -> store.open("../etc", key, QuotaLedger.UNLIMITED))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void deleteRemovesTheFilesButNotWhileOpen() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      Vault vault = store.create("v1", key, QuotaLedger.UNLIMITED);
      assertThatThrownBy(() -> store.delete("v1")).isInstanceOf(VaultInUseException.class);
      vault.close();
      assertThat(store.delete("v1")).isTrue();
      try (var files = Files.list(store.config().vaultsDir())) {
        assertThat(files).isEmpty();
      }
      assertThat(store.delete("v1")).isFalse();
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }
}
