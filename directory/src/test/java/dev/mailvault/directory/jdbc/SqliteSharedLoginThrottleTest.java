package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.auth.LoginThrottleState;
import dev.mailvault.core.auth.LoginThrottleState.Entry;
import dev.mailvault.core.auth.LoginThrottleState.Kind;
import dev.mailvault.directory.Directory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared login throttle over two directories opened on one SQLite file. */
class SqliteSharedLoginThrottleTest extends SharedLoginThrottleContract {

  @TempDir Path data;
  private Directory first;
  private Directory second;

  @Override
  LoginThrottleState[] twoFrontEnds() throws Exception {
    first = Fixtures.open(data, new CountingKdf());
    second = Fixtures.open(data, new CountingKdf());
    return new LoginThrottleState[] {first.loginThrottleState(), second.loginThrottleState()};
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  @Override
  long rows() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM login_throttle")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Path file() {
    return data.resolve(SqliteDirectory.FILE_NAME);
  }

  @Test
  void theDatabaseHoldsNoLoginAndNoClientAddress() throws Exception {
    for (int i = 0; i < 4; i++) {
      a.failed(LOGIN, network(GUESSER_IP));
      b.failed(LOGIN, network("2001:db8:1:2:3:4:5:6"));
    }
    b.succeeded(LOGIN, network(OWNER_IP));
    assertThat(rows()).isGreaterThanOrEqualTo(5);

    for (String secret :
        new String[] {
          "victim@example.com", "Victim@Example.COM", "victim", GUESSER_IP, OWNER_IP, "2001:db8:1:2"
        }) {
      assertThat(FileScan.filesContaining(data, secret.getBytes(StandardCharsets.UTF_8)))
          .as(secret)
          .isEmpty();
      assertThat(FileScan.filesContaining(data, secret.getBytes(StandardCharsets.UTF_16LE)))
          .as(secret)
          .isEmpty();
    }
    first.close();
    second.close();
    for (String secret : new String[] {"victim@example.com", GUESSER_IP, OWNER_IP}) {
      assertThat(FileScan.filesContaining(data, secret.getBytes(StandardCharsets.UTF_8)))
          .as(secret)
          .isEmpty();
    }
    first = Fixtures.open(data, new CountingKdf());
    second = Fixtures.open(data, new CountingKdf());
    // Reopened, the counts are still there: the key was stored, not regenerated.
    assertThat(
            new LoginThrottle(POLICY, clock, second.loginThrottleState())
                .admit(LOGIN, network(GUESSER_IP))
                .blocked())
        .isTrue();
  }

  @Test
  void theTableIsBoundedByDroppingTheRowsThatExpireFirst() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        SqliteDirectoryDatabase db = new SqliteDirectoryDatabase(c)) {
      JdbcThrottleState bounded = new JdbcThrottleState(db, 10);
      Instant start = clock.instant();
      for (int i = 0; i < 30; i++) {
        Instant expires = start.plusSeconds(60 + i);
        bounded.update(Kind.NETWORK, "net" + i, old -> new Entry(1, start, null), e -> expires);
      }
      assertThat(rows()).isEqualTo(30);

      bounded.sweep(start);

      assertThat(rows()).isLessThanOrEqualTo(10).isPositive();
      assertThat(bounded.get(Kind.NETWORK, "net29")).isNotNull();
      assertThat(bounded.get(Kind.NETWORK, "net0")).isNull();
    }
  }
}
