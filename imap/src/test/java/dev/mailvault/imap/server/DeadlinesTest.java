package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.net.ReadPace;
import dev.mailvault.core.testing.SlowClient;
import dev.mailvault.protocol.net.SessionDeadlines;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, security item 3: a client that takes for ever, or sends one octet a second, is cut off
 * with {@code * BYE}; a server past its connection ceiling says so to the next client (ADRs 0175,
 * 0176). Deadlines are set to seconds so the tests are quick; what is asserted is the close and its
 * line, not when it came.
 */
class DeadlinesTest {

  private static final Duration CLOSE_BOUND = Duration.ofSeconds(30);
  private static final ReadPace.Policy PACE = new ReadPace.Policy(100, Duration.ofSeconds(2));
  private static final String LOGIN =
      "a1 LOGIN hello@example.com \"" + LiveImapServer.PASSWORD + "\"\r\n";

  @Test
  void aClientThatDoesNotLogInInTimeGetsByeAndIsClosed(@TempDir Path data) throws Exception {
    try (LiveImapServer server =
            LiveImapServer.start(data, new SessionDeadlines(Duration.ofSeconds(2), PACE, 100));
        SlowClient client = new SlowClient(server.port())) {
      await().atMost(CLOSE_BOUND).until(client::closed);
      assertThat(client.lines()).hasSize(2);
      assertThat(client.lines().get(0)).startsWith("* OK");
      assertThat(client.lines().get(1)).isEqualTo("* BYE Login took too long");
    }
  }

  @Test
  void aLoggedInClientOutlivesTheLoginDeadline(@TempDir Path data) throws Exception {
    try (LiveImapServer server =
        LiveImapServer.start(data, new SessionDeadlines(Duration.ofSeconds(3), PACE, 100))) {
      server.addAlias("hello@example.com");
      try (SlowClient client = new SlowClient(server.port())) {
        client.send(LOGIN);
        await().atMost(CLOSE_BOUND).until(() -> client.lines().size() >= 2);
        assertThat(client.lines().get(1)).startsWith("a1 OK");
        await().during(Duration.ofSeconds(4)).atMost(CLOSE_BOUND).until(() -> !client.closed());
        client.send("a2 NOOP\r\n");
        await().atMost(CLOSE_BOUND).until(() -> client.lines().contains("a2 OK NOOP completed"));
      }
    }
  }

  @Test
  void aLoginLineSentOneOctetASecondIsCutOff(@TempDir Path data) throws Exception {
    try (LiveImapServer server =
        LiveImapServer.start(data, new SessionDeadlines(Duration.ofMinutes(10), PACE, 100))) {
      server.addAlias("hello@example.com");
      try (SlowClient client = new SlowClient(server.port())) {
        client.dribble(LOGIN);
        await().atMost(CLOSE_BOUND).until(client::closed);
        assertThat(client.lines()).last().isEqualTo("* BYE Command sent too slowly");
      }
    }
  }

  @Test
  void aLiteralSentOneOctetASecondIsCutOff(@TempDir Path data) throws Exception {
    try (LiveImapServer server =
        LiveImapServer.start(data, new SessionDeadlines(Duration.ofMinutes(10), PACE, 100))) {
      server.addAlias("hello@example.com");
      try (SlowClient client = new SlowClient(server.port())) {
        client.send(LOGIN);
        await().atMost(CLOSE_BOUND).until(() -> client.lines().size() >= 2);
        assertThat(client.lines().get(1)).startsWith("a1 OK");
        client.send("a2 APPEND INBOX {200+}\r\n");
        client.dribble("Subject: slow\r\n\r\n" + "x".repeat(183));
        await().atMost(CLOSE_BOUND).until(client::closed);
        assertThat(client.lines()).last().isEqualTo("* BYE Command sent too slowly");
      }
    }
  }

  @Test
  void connectionsPastTheCeilingGetByeUntilOneCloses(@TempDir Path data) throws Exception {
    try (LiveImapServer server =
        LiveImapServer.start(data, new SessionDeadlines(Duration.ofMinutes(10), PACE, 3))) {
      SlowClient first = new SlowClient(server.port());
      try (SlowClient second = new SlowClient(server.port());
          SlowClient third = new SlowClient(server.port())) {
        for (SlowClient client : new SlowClient[] {first, second, third}) {
          await().atMost(CLOSE_BOUND).until(() -> !client.lines().isEmpty());
          assertThat(client.lines().get(0)).startsWith("* OK");
        }
        try (SlowClient fourth = new SlowClient(server.port())) {
          await().atMost(CLOSE_BOUND).until(fourth::closed);
          assertThat(fourth.lines()).containsExactly("* BYE Too many connections; try again later");
        }
        first.close();
        // The slot comes back when the server has seen the close: ask until it has.
        await()
            .atMost(CLOSE_BOUND)
            .until(
                () -> {
                  try (SlowClient next = new SlowClient(server.port())) {
                    await().atMost(CLOSE_BOUND).until(() -> !next.lines().isEmpty());
                    return next.lines().get(0).startsWith("* OK");
                  }
                });
      }
    }
  }
}
