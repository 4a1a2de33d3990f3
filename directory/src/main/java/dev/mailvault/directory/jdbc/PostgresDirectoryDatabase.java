package dev.mailvault.directory.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailvault.directory.DirectoryStorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Map;

/**
 * The directory in PostgreSQL (ADR 0274): a small HikariCP pool, one pooled connection per
 * transaction.
 *
 * <p>The directory's code was written against SQLite's single writer: a write transaction reads,
 * decides and writes, and nothing else writes in between. PostgreSQL keeps that promise here with a
 * transaction-level advisory lock that every write transaction takes first, so writers from every
 * node run one at a time, each seeing what the previous one committed (READ COMMITTED). Reads take
 * no lock and see one snapshot (REPEATABLE READ, READ ONLY), as a SQLite read transaction does. The
 * directory's writes are a few statements each, so one writer at a time is ample.
 */
final class PostgresDirectoryDatabase implements DirectoryDatabase {

  /** ASCII "mvdi": the advisory lock that serializes the directory's writers. */
  static final long WRITE_LOCK = 0x6d766469L;

  static final int POOL_SIZE = 10;
  static final long CONNECTION_TIMEOUT_MS = 5_000;
  static final int CONNECT_TIMEOUT_SECONDS = 5;
  static final int SOCKET_TIMEOUT_SECONDS = 30;

  private final HikariDataSource pool;

  PostgresDirectoryDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /** The pool for {@code url}; connects once, so an unreachable database fails here. */
  static HikariDataSource pool(PostgresUrl url, String name) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    config.setPassword(url.password());
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    config.setValidationTimeout(Math.min(CONNECTION_TIMEOUT_MS - 1_000, 3_000));
    config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MS);
    // Bounded waits on the wire, so a database that went silent fails a call instead of hanging.
    config.addDataSourceProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    config.addDataSourceProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    config.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", "mailvault");
    for (Map.Entry<String, String> p : url.parameters().entrySet()) {
      config.addDataSourceProperty(p.getKey(), p.getValue());
    }
    return new HikariDataSource(config);
  }

  @Override
  public <T, X extends Exception> T read(SqlWork<T, X> work) throws X {
    return inTransaction(false, work);
  }

  @Override
  public <T, X extends Exception> T write(SqlWork<T, X> work) throws X {
    return inTransaction(true, work);
  }

  private <T, X extends Exception> T inTransaction(boolean write, SqlWork<T, X> work) throws X {
    Connection connection;
    try {
      connection = pool.getConnection();
    } catch (SQLTransientConnectionException e) {
      throw new DirectoryStorageException(
          "the directory database is unreachable (" + pool.getPoolName() + ")", e);
    } catch (SQLException e) {
      throw new DirectoryStorageException("the directory database failed", e);
    }
    try (connection) {
      boolean committed = false;
      try {
        try (Statement s = connection.createStatement()) {
          if (write) {
            s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
          } else {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
          }
        }
        T result = work.run(connection);
        connection.commit();
        committed = true;
        return result;
      } finally {
        if (!committed) {
          rollbackQuietly(connection);
        }
      }
    } catch (SQLException e) {
      throw new DirectoryStorageException("the directory database failed", e);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException connectionGone) {
      // Nothing was committed; the pool discards a broken connection.
    }
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public void close() {
    pool.close();
  }
}
