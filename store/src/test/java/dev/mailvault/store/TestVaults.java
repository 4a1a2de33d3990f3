package dev.mailvault.store;

import dev.mailvault.store.sqlite.ConnectionFactory;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;

/** Stores and keys for tests, on real files. */
final class TestVaults {

  private TestVaults() {}

  static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  static VaultStore store(Path dir) {
    return new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")));
  }

  static VaultStore store(Path dir, Duration idle) {
    return new VaultStore(VaultStoreConfig.defaults(dir.resolve("vaults")).withIdleTimeout(idle));
  }

  /** A separate keyed connection to a vault file, for checks that look under the API. */
  static VaultConnection rawConnection(VaultStore store, String vaultId, byte[] key)
      throws SQLException {
    return new ConnectionFactory(store.fileOf(vaultId), key.clone(), false).open(false);
  }

  /** Takes vault schema 9's sort and thread columns and indexes away again, as older vaults are. */
  static void dropSortColumns(VaultConnection c) throws SQLException {
    for (String index :
        new String[] {
          "messages_folder_sort_date",
          "messages_folder_sort_subject",
          "messages_folder_sort_from",
          "messages_folder_sort_keys"
        }) {
      c.execute("DROP INDEX " + index);
    }
    for (String column : SortColumns.NAMES.split(",")) {
      c.execute("ALTER TABLE messages DROP COLUMN " + column.strip());
    }
  }
}
