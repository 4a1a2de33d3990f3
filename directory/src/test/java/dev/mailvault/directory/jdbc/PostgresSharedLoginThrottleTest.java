package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.auth.LoginThrottleState;
import dev.mailvault.directory.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The shared login throttle over two connections' worth of front-ends on one real PostgreSQL. */
class PostgresSharedLoginThrottleTest extends SharedLoginThrottleContract {

  private String jdbcUrl;

  @BeforeAll
  static void postgres() {
    assumeTrue(PostgresServer.available(), "Debian's postgresql is not installed");
  }

  @Override
  LoginThrottleState[] twoFrontEnds() {
    PostgresServer server = PostgresServer.shared();
    jdbcUrl = server.jdbcUrl(server.newDatabaseUrl());
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(jdbcUrl);
    Migrations.apply(source, Migrations.Vendor.POSTGRESQL);
    return new LoginThrottleState[] {
      new JdbcThrottleState(new PostgresTestDatabase(jdbcUrl), JdbcThrottleState.MAX_ROWS),
      new JdbcThrottleState(new PostgresTestDatabase(jdbcUrl), JdbcThrottleState.MAX_ROWS)
    };
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
