package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.fs.OwnerOnly;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.DirectoryUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.mc.SQLiteMCChacha20Config;

/**
 * Opens the embedded directory {@code <data>/directory.sqlite}: encrypted whole with
 * SQLite3MultipleCiphers' chacha20 cipher under the server key when one is configured, plain
 * otherwise (ADR 0023); migrated to the current schema on open.
 */
public final class SqliteDirectory {

  public static final String FILE_NAME = "directory.sqlite";

  /** The first 16 bytes of every unencrypted SQLite file. */
  private static final byte[] PLAIN_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private static final int BUSY_TIMEOUT_MS = 5_000;

  private SqliteDirectory() {}

  /** Opens with default options; see {@link #open(Path, Optional, DirectoryOptions)}. */
  public static Directory open(Path dataDirectory, Optional<Path> serverKeyFile)
      throws DirectoryUnavailableException {
    return open(dataDirectory, serverKeyFile, DirectoryOptions.defaults());
  }

  /**
   * Opens (creating it if needed) the directory in {@code dataDirectory}.
   *
   * @param serverKeyFile the server key ({@link ServerKeyFile}), outside the data directory; empty
   *     for an unencrypted directory
   * @throws DirectoryUnavailableException when the data directory is unusable, the key is missing,
   *     malformed or wrong, or the file's encryption does not match {@code serverKeyFile}
   */
  public static Directory open(
      Path dataDirectory, Optional<Path> serverKeyFile, DirectoryOptions options)
      throws DirectoryUnavailableException {
    Path file = dataDirectory.resolve(FILE_NAME);
    SQLiteDataSource dataSource = dataSource(dataDirectory, serverKeyFile);
    Connection connection = connect(dataSource);
    try {
      restrict(file, connection);
      Migrations.apply(dataSource, Migrations.Vendor.SQLITE);
      return new JdbcDirectory(
          new SqliteDirectoryDatabase(connection),
          new AliasKeys(options.kdf(), options.newAliasParams()),
          options.clock(),
          options.unlockCache());
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /**
   * The data source of the directory file, checked against {@code serverKeyFile} and keyed with it;
   * shared with {@link DirectoryCopy}.
   */
  static SQLiteDataSource dataSource(Path dataDirectory, Optional<Path> serverKeyFile)
      throws DirectoryUnavailableException {
    Path file = prepare(dataDirectory);
    SQLiteConfig config;
    if (serverKeyFile.isPresent()) {
      try (SecretBytes key = ServerKeyFile.read(serverKeyFile.get(), dataDirectory)) {
        checkEncryption(file, true);
        config = encrypted(key);
      }
    } else {
      checkEncryption(file, false);
      config = new SQLiteConfig();
    }
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return dataSource;
  }

  private static SQLiteConfig encrypted(SecretBytes key) {
    // The driver passes the key as "raw:<hex>", which SQLite3MultipleCiphers uses as the cipher
    // key directly, without its PBKDF2 step. The hex string lives in the config's properties
    // until they are collected; JDBC offers no way to hand over a key that can be zeroed.
    return key.apply(k -> SQLiteMCChacha20Config.getDefault().withRawUnsaltedKey(k).build());
  }

  /** ADR 0179: the wrapped keys are for the server's user alone. */
  private static void restrict(Path file, Connection connection)
      throws DirectoryUnavailableException {
    try {
      OwnerOnly.restrictDatabase(file);
    } catch (IOException e) {
      closeQuietly(connection);
      throw new DirectoryUnavailableException("cannot make " + file + " owner-only", e);
    }
  }

  private static Path prepare(Path dataDirectory) throws DirectoryUnavailableException {
    try {
      OwnerOnly.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new DirectoryUnavailableException(
          "cannot create the data directory " + dataDirectory, e);
    }
    if (!Files.isDirectory(dataDirectory) || !Files.isWritable(dataDirectory)) {
      throw new DirectoryUnavailableException(
          "the data directory " + dataDirectory + " is not a writable directory");
    }
    return dataDirectory.resolve(FILE_NAME);
  }

  /** Refuses a plain file when a key is given, and an encrypted one when none is. */
  private static void checkEncryption(Path file, boolean keyGiven)
      throws DirectoryUnavailableException {
    if (!Files.exists(file)) {
      return;
    }
    byte[] header = new byte[PLAIN_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(header, 0, header.length);
    } catch (IOException e) {
      throw new DirectoryUnavailableException("cannot read the directory file " + file, e);
    }
    if (read == 0) {
      return;
    }
    boolean plain = read == header.length && Arrays.equals(header, PLAIN_HEADER);
    if (plain && keyGiven) {
      throw new DirectoryUnavailableException(
          "the directory " + file + " is not encrypted, but a server key was given");
    }
    if (!plain && !keyGiven) {
      throw new DirectoryUnavailableException(
          "the directory " + file + " is encrypted: give its server key");
    }
  }

  /** Opens the long-lived connection, proves the key by reading, and sets the PRAGMAs. */
  static Connection connect(SQLiteDataSource dataSource) throws DirectoryUnavailableException {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      try (Statement s = connection.createStatement()) {
        s.executeQuery("SELECT COUNT(*) FROM sqlite_master").close();
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
        s.execute("PRAGMA temp_store = MEMORY");
        s.execute("PRAGMA secure_delete = ON");
      }
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      if ((e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_NOTADB.code) {
        throw new DirectoryUnavailableException(
            "the directory cannot be opened with this server key (wrong key, or not a directory)");
      }
      throw new DirectoryStorageException("opening the directory failed", e);
    }
  }

  static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Opening failed already; that failure is the one to report.
    }
  }
}
