package dev.mailvault.directory.jdbc;

import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A directory database on a fresh PostgreSQL database of the shared test server, one connection per
 * transaction (READ COMMITTED, PostgreSQL's default), migrated with the same Flyway migrations.
 * Only for tests of the storage classes until the pooled PostgreSQL directory lands.
 */
final class PostgresTestDatabase implements DirectoryDatabase {

  private final String jdbcUrl;

  /** Over a database some other code created and migrated. */
  PostgresTestDatabase(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** Over a fresh database of the shared test server, migrated. */
  PostgresTestDatabase() {
    PostgresServer server = PostgresServer.shared();
    this.jdbcUrl = server.jdbcUrl(server.newDatabaseUrl());
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    Migrations.apply(dataSource, Migrations.Vendor.POSTGRESQL);
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
      throw new DirectoryStorageException("the directory database failed", e);
    }
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public void close() {}
}
