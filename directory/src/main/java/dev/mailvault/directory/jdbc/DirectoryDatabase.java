package dev.mailvault.directory.jdbc;

/**
 * Transactions over the directory's database. The SQLite implementation serializes them on one
 * connection; a PostgreSQL one will take pooled connections. Either way, work that throws rolls
 * back, and SQL failures surface as {@link dev.mailvault.directory.DirectoryStorageException}.
 */
interface DirectoryDatabase extends AutoCloseable {

  /** Runs {@code work} in a transaction that only reads. */
  <T, X extends Exception> T read(SqlWork<T, X> work) throws X;

  /** Runs {@code work} in a transaction that writes, committed when it returns. */
  <T, X extends Exception> T write(SqlWork<T, X> work) throws X;

  /** Whether {@code e} is a unique-constraint violation (a duplicate insert). */
  boolean isUniqueViolation(java.sql.SQLException e);

  @Override
  void close();
}
