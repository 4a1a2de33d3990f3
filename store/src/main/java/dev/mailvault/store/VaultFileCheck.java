package dev.mailvault.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.mc.SQLiteMCChacha20Config;
import org.sqlite.mc.SQLiteMCConfig;

/**
 * Checks a standalone copy of a vault (a backup being made or restored) without changing it: the
 * file must not be plaintext SQLite, must open read-only under the data key, and must pass {@code
 * PRAGMA quick_check}. It also computes the copy's content digest: an HMAC-SHA256, under a key
 * derived from the data key, over the schema and every row of every table in storage order.
 *
 * <p>The digest is what tells two backups apart. The file's own SHA-256 cannot: the {@code
 * chacha20} cipher draws a fresh random nonce for every page it writes, so two copies of an
 * unchanged vault differ in every page (docs/adr/0121-backup-copy-and-change-detection.md). Keying
 * the digest means a manifest never lets anyone test a guess at a vault's content.
 */
public final class VaultFileCheck {

  /** The first 16 bytes of every unencrypted SQLite 3 file. */
  private static final byte[] PLAINTEXT_MAGIC =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] DIGEST_LABEL =
      "mailvault backup content digest v1".getBytes(StandardCharsets.US_ASCII);

  /**
   * What a good copy holds.
   *
   * @param schemaVersion its {@code PRAGMA user_version}
   * @param contentDigest the keyed digest of its content (32 bytes)
   */
  public record Result(int schemaVersion, byte[] contentDigest) {
    public Result {
      contentDigest = contentDigest.clone();
    }

    @Override
    public byte[] contentDigest() {
      return contentDigest.clone();
    }
  }

  private VaultFileCheck() {}

  /**
   * Checks {@code file} with the 32-byte {@code key}; the array is only read.
   *
   * @throws VaultKeyException when the key does not open the file (or it is no database at all)
   * @throws VaultCopyDamagedException when it is plaintext or fails the integrity check
   */
  public static Result check(String vaultId, Path file, byte[] key)
      throws VaultKeyException, VaultCopyDamagedException {
    if (isPlaintextSqlite(file)) {
      throw new VaultCopyDamagedException("the copy of vault " + vaultId + " is not encrypted");
    }
    SQLiteMCConfig config = new SQLiteMCChacha20Config().withRawUnsaltedKey(key).build();
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setReadOnly(true);
    config.setBusyTimeout(5000);
    try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA temp_store = MEMORY");
      String verdict = firstString(statement, "PRAGMA quick_check");
      if (!"ok".equals(verdict)) {
        throw new VaultCopyDamagedException(
            "the copy of vault " + vaultId + " failed its integrity check: " + verdict);
      }
      int version = Integer.parseInt(firstString(statement, "PRAGMA user_version"));
      return new Result(version, digest(connection, version, key));
    } catch (SQLException e) {
      if (isNotADatabase(e)) {
        throw new VaultKeyException(vaultId);
      }
      throw new VaultCopyDamagedException(
          "the copy of vault " + vaultId + " cannot be read: " + e.getMessage());
    }
  }

  private static boolean isNotADatabase(SQLException e) {
    return dev.mailvault.store.sqlite.ConnectionFactory.isWrongKey(e);
  }

  private static boolean isPlaintextSqlite(Path file) throws VaultCopyDamagedException {
    byte[] head = new byte[PLAINTEXT_MAGIC.length];
    try (InputStream in = Files.newInputStream(file)) {
      int read = in.readNBytes(head, 0, head.length);
      return read == head.length && Arrays.equals(head, PLAINTEXT_MAGIC);
    } catch (IOException e) {
      throw new VaultCopyDamagedException("cannot read the copy: " + e.getMessage());
    }
  }

  private static String firstString(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** HMAC over user_version, the schema, then each table's rows in b-tree order. */
  private static byte[] digest(Connection connection, int version, byte[] key) throws SQLException {
    Mac mac = digestMac(key);
    update(mac, Integer.toString(version).getBytes(StandardCharsets.US_ASCII));
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet schema =
            statement.executeQuery(
                "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name, type")) {
      while (schema.next()) {
        for (int i = 1; i <= 4; i++) {
          update(mac, schema.getBytes(i));
        }
        String sql = schema.getString(4);
        if ("table".equals(schema.getString(1))
            && (sql == null || !sql.regionMatches(true, 0, "CREATE VIRTUAL", 0, 14))) {
          tables.add(schema.getString(2));
        }
      }
    }
    for (String table : tables) {
      update(mac, table.getBytes(StandardCharsets.UTF_8));
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          for (int i = 1; i <= columns; i++) {
            update(mac, rows.getBytes(i));
          }
        }
      }
    }
    return mac.doFinal();
  }

  /** Length-prefixed, so that ("ab","c") and ("a","bc") differ; null is length -1. */
  private static void update(Mac mac, byte[] value) {
    int length = value == null ? -1 : value.length;
    mac.update((byte) (length >>> 24));
    mac.update((byte) (length >>> 16));
    mac.update((byte) (length >>> 8));
    mac.update((byte) length);
    if (value != null) {
      mac.update(value);
    }
  }

  private static Mac digestMac(byte[] key) {
    try {
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digestKey = derive.doFinal(DIGEST_LABEL);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(digestKey, "HmacSHA256"));
      Arrays.fill(digestKey, (byte) 0);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
