package dev.mailvault.directory.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

  @BeforeAll
  static void needsPostgres() {
    assumeTrue(PostgresServer.available(), "Debian's postgresql package is not installed");
  }

  @Test
  void sharedServerGivesAFreshDatabaseEachTime() throws Exception {
    PostgresServer server = PostgresServer.shared();
    assertThat(PostgresServer.shared()).isSameAs(server);
    String first = server.newDatabaseUrl();
    String second = server.newDatabaseUrl();
    assertThat(first).startsWith("postgresql://postgres@127.0.0.1:" + server.port() + "/");
    assertThat(second).isNotEqualTo(first);
    assertThat(server.jdbcUrl(first))
        .isEqualTo(
            "jdbc:postgresql://127.0.0.1:"
                + server.port()
                + first.substring(first.lastIndexOf('/'))
                + "?user=postgres");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void ownServerStopsOnClose(@TempDir Path dir) throws Exception {
    PostgresServer server = PostgresServer.start(dir);
    int port = server.port();
    assertThat(server.newDatabaseUrl()).contains(":" + port + "/");
    server.close();
    server.close();
    assertThat(canConnect(port)).isFalse();
  }

  private static boolean canConnect(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
