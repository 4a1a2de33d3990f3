package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The kept statements behave like fresh ones to callers, on a real SQLite file. */
class StatementCacheTest {

  @TempDir Path dir;

  @Test
  void aStatementIsPreparedOnceAndReusedWithFreshParameters() throws Exception {
    try (Connection raw = open()) {
      StatementCache cache = new StatementCache(raw);
      Connection c = cache.connection();
      try (PreparedStatement create = c.prepareStatement("CREATE TABLE t (k TEXT, v INTEGER)")) {
        create.execute();
      }
      for (int i = 0; i < 3; i++) {
        assertThat(Jdbc.update(c, "INSERT INTO t VALUES (?, ?)", "k" + i, (long) i)).isEqualTo(1);
      }
      assertThat(Jdbc.<Long>queryOne(c, "SELECT v FROM t WHERE k = ?", rs -> rs.getLong(1), "k2"))
          .isEqualTo(2L);
      assertThat(Jdbc.<Long>queryOne(c, "SELECT v FROM t WHERE k = ?", rs -> rs.getLong(1), "k1"))
          .isEqualTo(1L);

      PreparedStatement first = c.prepareStatement("SELECT count(*) FROM t");
      first.close();
      assertThat(first.isClosed()).as("closing only clears it").isFalse();
      try (PreparedStatement again = c.prepareStatement("SELECT count(*) FROM t");
          ResultSet rs = again.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
      cache.clear();
    }
  }

  @Test
  void aFailedStatementCanRunAgainAndErrorsComeThroughUnwrapped() throws Exception {
    try (Connection raw = open()) {
      StatementCache cache = new StatementCache(raw);
      Connection c = cache.connection();
      Jdbc.update(c, "CREATE TABLE u (k TEXT PRIMARY KEY)");
      Jdbc.update(c, "INSERT INTO u VALUES (?)", "a");
      assertThatThrownBy(() -> Jdbc.update(c, "INSERT INTO u VALUES (?)", "a"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("UNIQUE");
      assertThat(Jdbc.update(c, "INSERT INTO u VALUES (?)", "b")).isEqualTo(1);
      assertThat(Jdbc.queryAll(c, "SELECT k FROM u ORDER BY k", rs -> rs.getString(1)))
          .containsExactly("a", "b");
      cache.clear();
    }
  }

  private Connection open() throws SQLException {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + dir.resolve("t.sqlite"));
    return source.getConnection();
  }
}
