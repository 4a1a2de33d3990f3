package dev.mailvault.directory.jdbc;

import dev.mailvault.directory.DirectoryStorageException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A {@link DirectoryDatabase} over PostgreSQL for tests: a fresh connection per transaction. The
 * directory's own PostgreSQL database (pooled) is another branch's work; this one is enough to run
 * the shared login throttle against a real server.
 */
final class PostgresTestDatabase implements DirectoryDatabase {

  private final String jdbcUrl;

  PostgresTestDatabase(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
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
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      c.setAutoCommit(false);
      boolean committed = false;
      try {
        T result = work.run(c);
        c.commit();
        committed = true;
        return result;
      } finally {
        if (!committed) {
          c.rollback();
        }
      }
    } catch (SQLException e) {
      throw new DirectoryStorageException("the test PostgreSQL database failed", e);
    }
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public void close() {}
}
