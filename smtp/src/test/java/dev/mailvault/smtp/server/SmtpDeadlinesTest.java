package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.net.ReadPace;
import dev.mailvault.core.testing.SlowClient;
import dev.mailvault.smtp.session.SmtpLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, security item 3: a command line or a message sent one octet a second is cut off with
 * 421 4.4.2; past the connection ceiling a client gets 421 4.3.2 (ADRs 0175, 0176). Deadlines are
 * seconds so the tests are quick; what is asserted is the close and its reply, not when it came.
 */
class SmtpDeadlinesTest {

  private static final Duration CLOSE_BOUND = Duration.ofSeconds(30);
  private static final SmtpLimits LIMITS =
      SmtpLimits.DEFAULTS.withErrorBudget(1_000_000, Duration.ofMinutes(1));
  private static final SmtpDeadlines DEADLINES =
      new SmtpDeadlines(new ReadPace.Policy(100, Duration.ofSeconds(2)), 100);
  private static final String TIMEOUT =
      "421 4.4.2 mx.test Timeout waiting for input; closing connection";
  private static final String TOO_SLOW =
      "421 4.4.2 mx.test Data sent too slowly; closing connection";

  @TempDir Path data;

  @Test
  void aCommandLineThatNeverEndsIsCutOffAtTheCommandTimeout() throws Exception {
    SmtpLimits limits = LIMITS.withTimeouts(Duration.ofSeconds(2), Duration.ofMinutes(5));
    try (LiveSmtpServer server = LiveSmtpServer.start(data, limits, DEADLINES);
        SlowClient client = new SlowClient(server.port())) {
      // Well under the 512-octet line limit, and never ended: each octet is fresh, the line is not.
      client.dribble("EHLO " + "a".repeat(200));
      await().atMost(CLOSE_BOUND).until(client::closed);
      assertThat(client.lines()).containsExactly("220 mx.test ESMTP Mailvault ready", TIMEOUT);
    }
  }

  @Test
  void dataSentOneOctetASecondIsCutOff() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.start(data, LIMITS, DEADLINES);
        SlowClient client = new SlowClient(server.port())) {
      server.addAlias("hello@example.com");
      client.send(
          "EHLO client.example\r\nMAIL FROM:<a@far.example>\r\nRCPT TO:<hello@example.com>\r\n");
      await().atMost(CLOSE_BOUND).until(() -> client.lines().contains("250 2.1.5 Recipient OK"));
      client.send("DATA\r\n");
      await()
          .atMost(CLOSE_BOUND)
          .until(() -> client.lines().contains("354 End data with <CR><LF>.<CR><LF>"));
      client.dribble("Subject: slow\r\n\r\n" + "x".repeat(100) + "\r\n.\r\n");
      await().atMost(CLOSE_BOUND).until(client::closed);
      assertThat(client.lines()).last().isEqualTo(TOO_SLOW);
      assertThat(server.delivery().delivered()).isEmpty();
    }
  }

  @Test
  void aBdatChunkSentOneOctetASecondIsCutOff() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.start(data, LIMITS, DEADLINES);
        SlowClient client = new SlowClient(server.port())) {
      server.addAlias("hello@example.com");
      client.send(
          "EHLO client.example\r\nMAIL FROM:<a@far.example>\r\nRCPT TO:<hello@example.com>\r\n");
      await().atMost(CLOSE_BOUND).until(() -> client.lines().contains("250 2.1.5 Recipient OK"));
      client.send("BDAT 120 LAST\r\n");
      client.dribble("Subject: slow\r\n\r\n" + "x".repeat(103));
      await().atMost(CLOSE_BOUND).until(client::closed);
      assertThat(client.lines()).last().isEqualTo(TOO_SLOW);
    }
  }

  @Test
  void connectionsPastTheCeilingGet421UntilOneCloses() throws Exception {
    SmtpDeadlines ceiling = new SmtpDeadlines(DEADLINES.dataPace(), 3);
    try (LiveSmtpServer server = LiveSmtpServer.start(data, LIMITS, ceiling)) {
      SlowClient first = new SlowClient(server.port());
      try (SlowClient second = new SlowClient(server.port());
          SlowClient third = new SlowClient(server.port())) {
        for (SlowClient client : new SlowClient[] {first, second, third}) {
          await().atMost(CLOSE_BOUND).until(() -> !client.lines().isEmpty());
          assertThat(client.lines().get(0)).isEqualTo("220 mx.test ESMTP Mailvault ready");
        }
        try (SlowClient fourth = new SlowClient(server.port())) {
          await().atMost(CLOSE_BOUND).until(fourth::closed);
          assertThat(fourth.lines())
              .containsExactly("421 4.3.2 mx.test Too many connections; try again later");
        }
        first.close();
        await()
            .atMost(CLOSE_BOUND)
            .until(
                () -> {
                  try (SlowClient next = new SlowClient(server.port())) {
                    await().atMost(CLOSE_BOUND).until(() -> !next.lines().isEmpty());
                    return next.lines().get(0).startsWith("220 ");
                  }
                });
      }
    }
  }
}
