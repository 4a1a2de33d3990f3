package dev.mailvault.pop3.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.net.ReadPace;
import dev.mailvault.pop3.session.Pop3Limits;
import dev.mailvault.protocol.net.SessionDeadlines;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection limits of the runtime as POP3 answers them (ADRs 0170, 0175, 0176). */
class Pop3LimitsTest {

  @TempDir Path data;

  @Test
  void overThePerAddressLimitIsRefusedWithSysTemp() throws Exception {
    try (LivePop3Server server =
            LivePop3Server.start(
                data, Pop3Limits.DEFAULTS.withConnectionsPerIp(1), SessionDeadlines.DEFAULTS);
        Pop3Client first = Pop3Client.connect(server.port())) {
      first.expectOk();
      try (Pop3Client second = Pop3Client.connect(server.port())) {
        assertThat(second.line())
            .isEqualTo("-ERR [SYS/TEMP] Too many connections from your address");
        assertThat(second.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void overTheServerCeilingIsRefusedWithSysTemp() throws Exception {
    SessionDeadlines one = new SessionDeadlines(Duration.ofMinutes(1), ReadPace.Policy.OFF, 1);
    try (LivePop3Server server = LivePop3Server.start(data, Pop3Limits.DEFAULTS, one);
        Pop3Client first = Pop3Client.connect(server.port())) {
      first.expectOk();
      try (Pop3Client second = Pop3Client.connect(server.port())) {
        assertThat(second.line()).isEqualTo("-ERR [SYS/TEMP] Too many connections");
        assertThat(second.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void aClientThatDoesNotLogInInTimeIsClosed() throws Exception {
    SessionDeadlines quick = new SessionDeadlines(Duration.ofMillis(300), ReadPace.Policy.OFF, 10);
    try (LivePop3Server server = LivePop3Server.start(data, Pop3Limits.DEFAULTS, quick);
        Pop3Client client = Pop3Client.connect(server.port())) {
      client.expectOk();
      assertThat(client.line()).isEqualTo("-ERR Login took too long");
      assertThat(client.closedByServer()).isTrue();
    }
  }
}
