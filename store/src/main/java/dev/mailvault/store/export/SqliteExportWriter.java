package dev.mailvault.store.export;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.mail.SystemFlag;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a standalone SQLite3MultipleCiphers database, cipher {@code chacha20}, keyed by the
 * alias's password in passphrase mode: SQLite3MultipleCiphers derives the page key itself (its
 * PBKDF2-SHA256 with the cipher's default iterations and a random salt in the file), so {@code
 * PRAGMA cipher='chacha20'; PRAGMA key='password'} in any SQLite3MultipleCiphers build opens it
 * (docs/adr/0137-sqlite-export.md). The schema is a plain one for people, not the vault's: every
 * message whole and byte-exact in {@code messages.raw}.
 *
 * <p>The connection is opened without the driver's cipher configuration and keyed with the same two
 * PRAGMAs a person types, so what the file needs is exactly what the README says.
 */
final class SqliteExportWriter implements MessageSink, AutoCloseable {

  /** Messages per transaction. */
  private static final int BATCH = 500;

  static final String SCHEMA =
      """
      CREATE TABLE export_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE folders (
        name        TEXT PRIMARY KEY,
        special_use TEXT,
        subscribed  INTEGER NOT NULL
      );
      CREATE TABLE messages (
        id            INTEGER PRIMARY KEY,
        folder        TEXT    NOT NULL REFERENCES folders(name),
        uid           INTEGER NOT NULL,
        internal_date TEXT    NOT NULL,
        flags         TEXT    NOT NULL,
        keywords      TEXT    NOT NULL,
        size          INTEGER NOT NULL,
        raw           BLOB    NOT NULL
      );
      CREATE UNIQUE INDEX messages_folder_uid ON messages(folder, uid);
      """;

  private final Connection connection;
  private final PreparedStatement insert;
  private int inBatch;

  SqliteExportWriter(Path file, char[] password, List<FolderInfo> folders) throws IOException {
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new IOException("cannot create " + file.getFileName() + ": " + e.getMessage(), e);
    }
    try {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA cipher = 'chacha20'");
        s.execute("PRAGMA key = " + quote(password));
        // Sorts and statement journals in memory: no temporary file beside the export.
        s.execute("PRAGMA temp_store = MEMORY");
        for (String statement : SCHEMA.split(";\\s*\\n")) {
          if (!statement.isBlank()) {
            s.execute(statement);
          }
        }
      }
      connection.setAutoCommit(false);
      try (PreparedStatement info =
          connection.prepareStatement("INSERT INTO export_info(key, value) VALUES (?, ?)")) {
        put(info, "format", "mailvault-sqlite-export");
        put(info, "version", "1");
        put(info, "exported_at", Instant.now().toString());
      }
      try (PreparedStatement f =
          connection.prepareStatement(
              "INSERT INTO folders(name, special_use, subscribed) VALUES (?, ?, ?)")) {
        for (FolderInfo folder : folders) {
          f.setString(1, folder.name());
          f.setString(2, folder.specialUse());
          f.setInt(3, folder.subscribed() ? 1 : 0);
          f.executeUpdate();
        }
      }
      insert =
          connection.prepareStatement(
              "INSERT INTO messages(folder, uid, internal_date, flags, keywords, size, raw)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    } catch (SQLException e) {
      close();
      throw new IOException("cannot write the SQLite export: " + e.getMessage(), e);
    }
  }

  private static void put(PreparedStatement info, String key, String value) throws SQLException {
    info.setString(1, key);
    info.setString(2, value);
    info.executeUpdate();
  }

  /** A SQL string literal; the password never goes to a log. */
  static String quote(char[] password) {
    StringBuilder sb = new StringBuilder(password.length + 2).append('\'');
    for (char c : password) {
      sb.append(c);
      if (c == '\'') {
        sb.append('\'');
      }
    }
    return sb.append('\'').toString();
  }

  @Override
  public void write(ExportedMessage m) throws IOException {
    List<String> flags = new ArrayList<>();
    for (SystemFlag flag : SystemFlag.values()) {
      if (m.flags().has(flag)) {
        flags.add(flag.imapName());
      }
    }
    try {
      insert.setString(1, m.folder());
      insert.setLong(2, m.uid());
      insert.setString(3, m.internalDate().toString());
      insert.setString(4, String.join(" ", flags));
      insert.setString(5, String.join(" ", m.flags().keywords()));
      insert.setLong(6, m.raw().length);
      insert.setBytes(7, m.raw());
      insert.executeUpdate();
      if (++inBatch >= BATCH) {
        connection.commit();
        inBatch = 0;
      }
    } catch (SQLException e) {
      throw new IOException("cannot write the SQLite export: " + e.getMessage(), e);
    }
  }

  @Override
  public void finish() throws IOException {
    try {
      connection.commit();
    } catch (SQLException e) {
      throw new IOException("cannot write the SQLite export: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing after a failure: the temporary file is deleted by the caller either way.
    }
  }
}
