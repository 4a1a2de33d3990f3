package dev.mailvault.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One open connection to a vault with a cache of prepared statements. Not thread-safe: it belongs
 * to one thread at a time (the writer under its lock, or a reader that borrowed it from the pool).
 *
 * <p>The connection stays in auto-commit mode and transactions are opened explicitly with {@link
 * #begin}, so an idle connection never holds a read snapshot that would stop WAL checkpoints.
 */
public final class VaultConnection implements AutoCloseable {

  private final Connection connection;
  private final Runnable onClose;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private volatile long lastUsedNanos = System.nanoTime();
  private boolean closed;

  VaultConnection(Connection connection, Runnable onClose) {
    this.connection = connection;
    this.onClose = onClose;
  }

  /** A cached prepared statement for {@code sql}; its parameters are cleared. */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    } else {
      statement.clearParameters();
    }
    return statement;
  }

  /** A prepared statement with {@code args} bound in order. */
  public PreparedStatement bind(String sql, Object... args) throws SQLException {
    PreparedStatement statement = prepare(sql);
    for (int i = 0; i < args.length; i++) {
      statement.setObject(i + 1, args[i]);
    }
    return statement;
  }

  /**
   * A statement for SQL built per call, such as a SEARCH, with {@code args} bound in order. It is
   * not cached (the cache would grow with every shape of query); the caller closes it.
   */
  public PreparedStatement prepareOnce(String sql, Object... args) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
    return statement;
  }

  /** Runs an INSERT, UPDATE or DELETE and returns the number of rows changed. */
  public int update(String sql, Object... args) throws SQLException {
    return bind(sql, args).executeUpdate();
  }

  /** The first column of the first row, or empty when there is no row or it is NULL. */
  public OptionalLong queryLong(String sql, Object... args) throws SQLException {
    try (ResultSet rows = bind(sql, args).executeQuery()) {
      if (!rows.next()) {
        return OptionalLong.empty();
      }
      long value = rows.getLong(1);
      return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
  }

  /** The first column of the first row as text, or null. */
  public String queryString(String sql, Object... args) throws SQLException {
    try (ResultSet rows = bind(sql, args).executeQuery()) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** Runs one statement that is not worth caching (PRAGMAs, DDL, transaction control). */
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Opens a transaction. A writer asks for {@code immediate} so that it takes SQLite's write lock
   * up front and never fails half-way with SQLITE_BUSY on upgrade.
   */
  public void begin(boolean immediate) throws SQLException {
    execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  }

  public void commit() throws SQLException {
    execute("COMMIT");
  }

  /**
   * Rolls back the open transaction. SQLite may already have rolled it back by itself (after an I/O
   * error or a failed COMMIT), which is not a failure here; any other error means the connection is
   * unusable.
   */
  public void rollback() throws SQLException {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      String message = e.getMessage();
      if (message == null || !message.contains("no transaction is active")) {
        throw e;
      }
    }
  }

  public void touch() {
    lastUsedNanos = System.nanoTime();
  }

  public long idleNanos() {
    return System.nanoTime() - lastUsedNanos;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    onClose.run();
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // Closing the connection below frees it anyway.
      }
    }
    statements.clear();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing useful to do: the handle is gone either way and SQLite keeps the file consistent.
    }
  }
}
