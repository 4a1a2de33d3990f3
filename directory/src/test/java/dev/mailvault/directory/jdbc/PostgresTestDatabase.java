package dev.mailvault.directory.jdbc;

import dev.mailvault.directory.DirectoryStorageException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link DirectoryDatabase} over PostgreSQL for tests: one connection, one transaction at a time.
 * The directory's own PostgreSQL database (pooled) is another branch's work; this is enough to run
 * the shared login throttle against a real server, two of these standing for two front-ends.
 */
final class PostgresTestDatabase implements DirectoryDatabase {

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  PostgresTestDatabase(String jdbcUrl) throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl);
    connection.setAutoCommit(false);
  }

  @Override
  public <T, X extends Exception> T read(SqlWork<T, X> work) throws X {
    return inTransaction(work);
  }

  @Override
  public <T, X extends Exception> T write(SqlWork<T, X> work) throws X {
    return inTransaction(work);
  }

  private <T, X extends Exception> T inTransaction(SqlWork<T, X> work) throws X {
    lock.lock();
    try {
      boolean committed = false;
      try {
        T result = work.run(connection);
        connection.commit();
        committed = true;
        return result;
      } finally {
        if (!committed) {
          connection.rollback();
        }
      }
    } catch (SQLException e) {
      throw new DirectoryStorageException("the test PostgreSQL database failed", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new DirectoryStorageException("closing the test PostgreSQL database failed", e);
    }
  }
}
