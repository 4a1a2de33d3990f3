package dev.mailvault.directory.jdbc;

import dev.mailvault.directory.DirectoryStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteErrorCode;

/**
 * One SQLite connection shared under a lock: SQLite has one writer at a time anyway, and the
 * directory's transactions are a few statements long.
 *
 * <p>Transactions are begun by hand ({@code BEGIN} / {@code BEGIN IMMEDIATE}) with the driver in
 * auto-commit mode: the driver's own transaction handling would re-open a transaction right after
 * each commit and hold the database between calls, blocking a CLI process next to the server.
 * Writers take the write lock up front (IMMEDIATE), so a read-then-write transaction never fails to
 * upgrade while another process writes; busy_timeout makes it wait instead.
 */
final class SqliteDirectoryDatabase implements DirectoryDatabase {

  private final Connection connection;
  private final StatementCache statements;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  SqliteDirectoryDatabase(Connection connection) {
    this.connection = connection;
    this.statements = new StatementCache(connection);
  }

  @Override
  public <T, X extends Exception> T read(SqlWork<T, X> work) throws X {
    return inTransaction("BEGIN", work);
  }

  @Override
  public <T, X extends Exception> T write(SqlWork<T, X> work) throws X {
    return inTransaction("BEGIN IMMEDIATE", work);
  }

  private <T, X extends Exception> T inTransaction(String begin, SqlWork<T, X> work) throws X {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the directory is closed");
      }
      execute(begin);
      boolean committed = false;
      try {
        T result = work.run(statements.connection());
        execute("COMMIT");
        committed = true;
        return result;
      } finally {
        if (!committed) {
          rollbackQuietly();
        }
      }
    } catch (SQLException e) {
      throw new DirectoryStorageException("the directory database failed", e);
    } finally {
      lock.unlock();
    }
  }

  private void execute(String sql) throws SQLException {
    try (PreparedStatement s = statements.connection().prepareStatement(sql)) {
      s.execute();
    }
  }

  private void rollbackQuietly() {
    try {
      execute("ROLLBACK");
    } catch (SQLException alreadyEnded) {
      // SQLite ends the transaction by itself after some errors; nothing is left to undo.
    }
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    // The low byte of an extended result code is the primary one (SQLITE_CONSTRAINT_UNIQUE).
    return (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code
        && e.getMessage() != null
        && e.getMessage().contains("UNIQUE");
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        statements.clear();
        connection.close();
      }
    } catch (SQLException e) {
      throw new DirectoryStorageException("closing the directory database failed", e);
    } finally {
      lock.unlock();
    }
  }
}
