package dev.mailvault.directory.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each prepared statement of one connection for the connection's life, keyed by its SQL.
 * sqlite-jdbc prepares a statement and builds its column names afresh on every {@code
 * prepareStatement}: for the few statements a delivery runs (recipient lookup, quota reservation)
 * that was over half of the directory's CPU (BENCHMARKS.md, "SMTP delivery").
 *
 * <p>{@link #connection()} is a view of the connection whose {@code prepareStatement(String)}
 * returns the kept statement, and whose statements' {@code close()} only clears their parameters,
 * so callers keep writing plain try-with-resources JDBC. Not thread-safe: the owner uses it under
 * its own lock, one caller at a time, and closes every result set before the next use.
 */
final class StatementCache {

  private final Connection connection;
  private final Map<String, PreparedStatement> kept = new HashMap<>();
  private final Connection view;

  StatementCache(Connection connection) {
    this.connection = connection;
    this.view =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                this::onConnection);
  }

  /** The connection as callers see it. */
  Connection connection() {
    return view;
  }

  /** Closes the kept statements (before the connection itself is closed). */
  void clear() throws SQLException {
    SQLException first = null;
    for (PreparedStatement statement : kept.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    kept.clear();
    if (first != null) {
      throw first;
    }
  }

  private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("prepareStatement")
        && args != null
        && args.length == 1
        && args[0] instanceof String sql) {
      PreparedStatement statement = kept.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        kept.put(sql, statement);
      }
      return keptView(statement);
    }
    return invoke(connection, method, args);
  }

  private static PreparedStatement keptView(PreparedStatement statement) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close":
              statement.clearParameters();
              return null;
            case "isClosed":
              return false;
            default:
              return invoke(statement, method, args);
          }
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
