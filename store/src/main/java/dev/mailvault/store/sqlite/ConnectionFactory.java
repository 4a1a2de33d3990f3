package dev.mailvault.store.sqlite;

import dev.mailvault.core.fs.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.mc.SQLiteMCChacha20Config;
import org.sqlite.mc.SQLiteMCConfig;

/**
 * Opens connections to one vault file: cipher {@code chacha20} under the raw 256-bit data key, then
 * the PRAGMAs of DESIGN §4 on every connection.
 *
 * <p>The key reaches SQLite3MultipleCiphers as {@code PRAGMA key = 'raw:<64 hex digits>'}, built by
 * {@link SQLiteMCChacha20Config#withRawUnsaltedKey}: with the {@code raw:} prefix and exactly 32
 * bytes the cipher uses the bytes as the page key and skips its PBKDF2 (so {@code kdf_iter} plays
 * no part); the random 16-byte salt in the file header is kept. The {@code x'...'} form is not a
 * raw key in the bundled SQLite3MultipleCiphers 1.5.5: it would be run through PBKDF2 as a
 * passphrase. See docs/adr/0030-vault-raw-key.md.
 */
public final class ConnectionFactory {

  /** DESIGN §4: wait this long for another connection's lock before failing. */
  public static final int BUSY_TIMEOUT_MILLIS = 5000;

  private final Path file;
  private final byte[] key;
  private final boolean synchronousFull;
  private final AtomicInteger open = new AtomicInteger();

  /**
   * @param key the 32-byte data key; the factory keeps this array (not a copy) so that whoever owns
   *     it can wipe it when the vault closes
   * @param synchronousFull {@code synchronous=FULL} instead of {@code NORMAL}: NORMAL in WAL mode
   *     already survives a killed process; FULL also survives power loss at the cost of an fsync
   *     per commit
   */
  public ConnectionFactory(Path file, byte[] key, boolean synchronousFull) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a vault key is 32 bytes");
    }
    this.file = file;
    this.key = key;
    this.synchronousFull = synchronousFull;
  }

  public Path file() {
    return file;
  }

  /**
   * Opens a keyed connection and applies the PRAGMAs.
   *
   * @param create whether a missing file may be created
   * @throws SQLException with {@link SQLiteErrorCode#SQLITE_NOTADB} when the key does not open the
   *     file (see {@link #isWrongKey})
   */
  public VaultConnection open(boolean create) throws SQLException {
    SQLiteMCConfig config = new SQLiteMCChacha20Config().withRawUnsaltedKey(key).build();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    if (!create) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    // The driver sends the key, then reads sqlite_master: a wrong key fails right here.
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    if (create) {
      narrow(connection);
    }
    open.incrementAndGet();
    VaultConnection vault = new VaultConnection(connection, open::decrementAndGet);
    try {
      applyPragmas(vault);
      return vault;
    } catch (SQLException | RuntimeException e) {
      vault.close();
      throw e;
    }
  }

  /**
   * ADR 0179: a new vault is its owner's alone. SQLite made it with the umask's mode; its -wal and
   * -shm, made later, copy the mode narrowed here.
   */
  private void narrow(Connection connection) throws SQLException {
    try {
      OwnerOnly.restrictDatabase(file);
    } catch (IOException e) {
      connection.close();
      throw new SQLException("cannot make " + file + " owner-only", e);
    }
  }

  private void applyPragmas(VaultConnection connection) throws SQLException {
    // encoding only takes effect before the first table exists, i.e. when the vault is created.
    connection.execute("PRAGMA encoding = 'UTF-8'");
    String mode = connection.queryString("PRAGMA journal_mode = WAL");
    if (!"wal".equalsIgnoreCase(mode)) {
      throw new SQLException("the vault did not switch to WAL mode: " + mode);
    }
    connection.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
    connection.execute("PRAGMA synchronous = " + (synchronousFull ? "FULL" : "NORMAL"));
    connection.execute("PRAGMA foreign_keys = ON");
    // No temporary file may ever hold plaintext: sorts and statement journals stay in memory.
    connection.execute("PRAGMA temp_store = MEMORY");
    // Freed pages are zeroed, so deleted mail does not linger in free pages of the file.
    connection.execute("PRAGMA secure_delete = ON");
  }

  /** How many connections this factory opened are open now. */
  public int openConnections() {
    return open.get();
  }

  /** Whether {@code e} is SQLite's answer to a key that does not decrypt the file. */
  public static boolean isWrongKey(SQLException e) {
    return e instanceof SQLiteException sqlite
        && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB;
  }
}
