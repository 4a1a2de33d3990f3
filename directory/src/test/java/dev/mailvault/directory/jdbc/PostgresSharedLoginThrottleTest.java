package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.auth.LoginThrottleState;
import dev.mailvault.directory.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The shared login throttle over two connections' worth of front-ends on one real PostgreSQL. */
class PostgresSharedLoginThrottleTest extends SharedLoginThrottleContract {

  /** One database for the class (creating one per test costs seconds); emptied before each. */
  private static String jdbcUrl;

  private PostgresTestDatabase first;
  private PostgresTestDatabase second;

  @BeforeAll
  static void postgres() {
    assumeTrue(PostgresServer.available(), "Debian's postgresql is not installed");
    PostgresServer server = PostgresServer.shared();
    jdbcUrl = server.jdbcUrl(server.newDatabaseUrl());
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(jdbcUrl);
    Migrations.apply(source, Migrations.Vendor.POSTGRESQL);
  }

  @Override
  LoginThrottleState[] twoFrontEnds() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM login_throttle");
    }
    first = new PostgresTestDatabase(jdbcUrl);
    second = new PostgresTestDatabase(jdbcUrl);
    return new LoginThrottleState[] {
      new JdbcThrottleState(first, JdbcThrottleState.MAX_ROWS),
      new JdbcThrottleState(second, JdbcThrottleState.MAX_ROWS)
    };
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  @Override
  long rows() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM login_throttle")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theTableHoldsNoLoginAndNoClientAddress() throws Exception {
    for (int i = 0; i < 4; i++) {
      a.failed(LOGIN, network(GUESSER_IP));
    }
    b.succeeded(LOGIN, network(OWNER_IP));
    StringBuilder dump = new StringBuilder();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT kind, encode(key_hash, 'escape'), failures FROM login_throttle"
                    + " UNION ALL SELECT id, encode(hmac_key, 'escape'), 0 FROM login_throttle_key")) {
      while (rs.next()) {
        dump.append(rs.getString(2)).append('\n');
      }
    }
    assertThat(dump).isNotEmpty();
    assertThat(dump.toString().toLowerCase())
        .doesNotContain("victim")
        .doesNotContain(GUESSER_IP)
        .doesNotContain(OWNER_IP);
  }
}
