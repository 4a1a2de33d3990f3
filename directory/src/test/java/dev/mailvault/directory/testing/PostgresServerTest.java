package dev.mailvault.directory.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
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

  @Test
  void aCheckpointPutsWhatWasCommittedIntoTheServersFiles(@TempDir Path dir) throws Exception {
    try (PostgresServer server = PostgresServer.start(dir)) {
      String marker = "checkpoint-marker-" + UUID.randomUUID();
      try (Connection connection =
              DriverManager.getConnection(server.jdbcUrl(server.newDatabaseUrl()));
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (v text)");
        statement.execute("INSERT INTO t VALUES ('" + marker + "')");
      }
      server.checkpoint();
      try (Stream<Path> files = Files.walk(server.dataDirectory())) {
        assertThat(files.filter(Files::isRegularFile).filter(f -> holds(f, marker))).isNotEmpty();
      }
    }
  }

  private static boolean holds(Path file, String text) {
    try {
      // ISO-8859-1 maps every byte to one char, so an ASCII text is found wherever its bytes are
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    } catch (java.io.IOException e) {
      return false; // the server's statistics files come and go while it runs
    }
  }

  private static boolean canConnect(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
