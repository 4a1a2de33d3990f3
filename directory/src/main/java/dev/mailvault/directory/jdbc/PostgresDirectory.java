package dev.mailvault.directory.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryUnavailableException;

/**
 * Opens the directory in a PostgreSQL database (ADR 0274), for a cluster whose nodes share one
 * directory: {@code directory.url = postgresql://user:password@host:port/database?params}. The
 * schema is the embedded directory's, migrated by the same Flyway files on open. The server key
 * does not apply: the database stores what the plain SQLite file stores (ADR 0023), so encrypt the
 * database host's disk.
 */
public final class PostgresDirectory {

  private PostgresDirectory() {}

  /** Opens with default options; see {@link #open(String, DirectoryOptions)}. */
  public static Directory open(String url) throws DirectoryUnavailableException {
    return open(url, DirectoryOptions.defaults());
  }

  /**
   * Opens the directory at {@code url}, creating its tables in an empty database.
   *
   * @throws DirectoryUnavailableException when the URL is malformed, or the database cannot be
   *     reached or logged into within a few seconds
   */
  public static Directory open(String url, DirectoryOptions options)
      throws DirectoryUnavailableException {
    PostgresUrl parsed = PostgresUrl.parse(url);
    HikariDataSource pool = connect(parsed, "directory");
    try {
      Migrations.apply(pool, Migrations.Vendor.POSTGRESQL);
      return new JdbcDirectory(
          new PostgresDirectoryDatabase(pool),
          new AliasKeys(options.kdf(), options.newAliasParams()),
          options.clock(),
          options.unlockCache());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** A pool on {@code url}, or a one-line reason why there is none. */
  static HikariDataSource connect(PostgresUrl url, String poolName)
      throws DirectoryUnavailableException {
    try {
      return PostgresDirectoryDatabase.pool(url, poolName);
    } catch (HikariPool.PoolInitializationException e) {
      throw new DirectoryUnavailableException(
          "cannot connect to the directory database " + url + ": " + rootMessage(e));
    } catch (RuntimeException e) {
      throw new DirectoryUnavailableException(
          "cannot connect to the directory database " + url + ": " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }
}
