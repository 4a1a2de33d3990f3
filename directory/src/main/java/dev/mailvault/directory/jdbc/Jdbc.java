package dev.mailvault.directory.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Small helpers so each directory operation reads as its SQL and not as JDBC plumbing. */
final class Jdbc {

  private Jdbc() {}

  /** Maps one row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  /** The first row mapped, or null when there is none. */
  static <T> T queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? mapper.map(rs) : null;
      }
    }
  }

  /** Every row mapped, in the query's order. */
  static <T> List<T> queryAll(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  /** Whether the query returns a row. */
  static boolean exists(Connection c, String sql, Object... params) throws SQLException {
    return queryOne(c, sql, rs -> Boolean.TRUE, params) != null;
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int index = i + 1;
      if (p == null) {
        // Only text columns are nullable as plain parameters; numbers use OptionalLong.
        ps.setNull(index, Types.VARCHAR);
      } else if (p instanceof OptionalLong o) {
        if (o.isPresent()) {
          ps.setLong(index, o.getAsLong());
        } else {
          ps.setNull(index, Types.BIGINT);
        }
      } else if (p instanceof byte[] b) {
        ps.setBytes(index, b);
      } else if (p instanceof Boolean b) {
        ps.setBoolean(index, b);
      } else if (p instanceof Long l) {
        ps.setLong(index, l);
      } else if (p instanceof Integer n) {
        ps.setLong(index, n);
      } else if (p instanceof String s) {
        ps.setString(index, s);
      } else {
        throw new IllegalArgumentException("unsupported parameter type at " + index);
      }
    }
  }
}
