package dev.mailvault.directory.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done inside one transaction; may refuse with a user-facing exception {@code X}. */
@FunctionalInterface
interface SqlWork<T, X extends Exception> {
  T run(Connection connection) throws SQLException, X;
}
