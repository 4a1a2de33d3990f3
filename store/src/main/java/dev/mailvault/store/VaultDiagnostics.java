package dev.mailvault.store;

import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Read-only figures and checks of a vault file. */
final class VaultDiagnostics {

  private VaultDiagnostics() {}

  static VaultStats stats(VaultConnection c) throws SQLException {
    long contents = c.queryLong("SELECT count(*) FROM contents").orElse(0);
    long contentBytes = c.queryLong("SELECT coalesce(sum(size), 0) FROM contents").orElse(0);
    long blobs = c.queryLong("SELECT count(*) FROM blobs").orElse(0);
    long blobBytes = c.queryLong("SELECT coalesce(sum(size), 0) FROM blobs").orElse(0);
    long stored =
        c.queryLong("SELECT coalesce(sum(length(data)), 0) FROM contents").orElse(0)
            + c.queryLong("SELECT coalesce(sum(length(data)), 0) FROM segments").orElse(0)
            + c.queryLong("SELECT coalesce(sum(length(data)), 0) FROM blob_chunks").orElse(0);
    return new VaultStats(
        c.queryLong("PRAGMA page_size").orElse(0),
        c.queryLong("PRAGMA page_count").orElse(0),
        c.queryLong("PRAGMA freelist_count").orElse(0),
        c.queryLong("SELECT count(*) FROM messages").orElse(0),
        contents,
        contentBytes,
        blobs,
        blobBytes,
        stored);
  }

  static String integrityCheck(VaultConnection c) throws SQLException {
    StringBuilder result = new StringBuilder();
    try (ResultSet rows = c.bind("PRAGMA integrity_check").executeQuery()) {
      while (rows.next()) {
        if (result.length() > 0) {
          result.append('\n');
        }
        result.append(rows.getString(1));
      }
    }
    return result.toString();
  }
}
