package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.smtp.codec.ReaderLimits;
import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import dev.mailvault.smtp.session.SmtpLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MX's configurable limits, each on a live server configured with tiny values. */
class SmtpLimitsTest {

  @TempDir Path data;

  private static final SmtpLimits LENIENT =
      SmtpLimits.DEFAULTS.withErrorBudget(1_000_000, Duration.ofMinutes(1));

  private static SmtpClient greeted(LiveSmtpServer server) throws Exception {
    SmtpClient client = server.connect();
    client.expect("220 mx.test ESMTP Mailvault ready");
    client.send("EHLO client.example").reply();
    return client;
  }

  @Test
  void recipientsBeyondTheLimitGet452() throws Exception {
    try (LiveSmtpServer server =
            LiveSmtpServer.start(data, LENIENT.withRecipientsAndConnections(3, 10));
        SmtpClient client = greeted(server)) {
      server.addAlias("hello@example.com");
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      for (String tag : List.of("a", "b", "c")) {
        client.command("RCPT TO:<hello+" + tag + "@example.com>", "250 2.1.5 Recipient OK");
      }
      client.command("RCPT TO:<hello+d@example.com>", "452 4.5.3 Too many recipients");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("x\r\n.\r\n").expectStart("250 2.0.0");
      assertThat(server.delivery().last().message().rcptTo()).hasSize(3);
    }
  }

  @Test
  void connectionsPerAddressAreLimited() throws Exception {
    try (LiveSmtpServer server =
        LiveSmtpServer.start(data, LENIENT.withRecipientsAndConnections(100, 2))) {
      List<SmtpClient> open = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          open.add(server.connect());
          open.get(i).expect("220 mx.test ESMTP Mailvault ready");
        }
        try (SmtpClient third = server.connect()) {
          third.expect("421 4.7.0 Too many connections from your address");
          assertThat(third.closedByServer()).isTrue();
        }
        open.remove(0).command("QUIT", "221 2.0.0 mx.test closing connection");
        // The slot is given back when the server sees the close; a new client then gets in.
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  try (SmtpClient again = server.connect()) {
                    return again.reply().startsWith("220 ");
                  }
                });
      } finally {
        for (SmtpClient client : open) {
          client.close();
        }
      }
    }
  }

  @Test
  void aSilentClientIsDisconnectedAfterTheCommandTimeout() throws Exception {
    SmtpLimits limits = LENIENT.withTimeouts(Duration.ofMillis(300), Duration.ofMinutes(5));
    try (LiveSmtpServer server = LiveSmtpServer.start(data, limits);
        SmtpClient client = greeted(server)) {
      client.expect("421 4.4.2 mx.test Timeout waiting for input; closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void aClientThatStallsInDataIsDisconnectedAfterTheDataTimeout() throws Exception {
    SmtpLimits limits = LENIENT.withTimeouts(Duration.ofMinutes(5), Duration.ofMillis(300));
    try (LiveSmtpServer server = LiveSmtpServer.start(data, limits);
        SmtpClient client = greeted(server)) {
      server.addAlias("hello@example.com");
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("Subject: slow\r\n");
      client.expect("421 4.4.2 mx.test Timeout waiting for input; closing connection");
      assertThat(client.closedByServer()).isTrue();
      client.close();
      // A BDAT chunk that never completes times out the same way.
      try (SmtpClient second = greeted(server)) {
        second.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
        second.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
        second.sendRaw("BDAT 100 LAST\r\nonly a part");
        second.expect("421 4.4.2 mx.test Timeout waiting for input; closing connection");
      }
      assertThat(server.delivery().delivered()).isEmpty();
    }
  }

  @Test
  void anAddressThatSpendsItsErrorBudgetIsShutOut() throws Exception {
    SmtpLimits limits = SmtpLimits.DEFAULTS.withErrorBudget(4, Duration.ofMinutes(10));
    try (LiveSmtpServer server = LiveSmtpServer.start(data, limits)) {
      server.addAlias("hello@example.com");
      try (SmtpClient client = greeted(server)) {
        client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
        client.command("RCPT TO:<a@example.com>", "550 5.1.1 No such mailbox here");
        client.command("RCPT TO:<b@example.com>", "550 5.1.1 No such mailbox here");
        client.command("FROB", "500 5.5.1 Command unrecognized");
        client.command("RCPT TO:<c@example.com>", "550 5.1.1 No such mailbox here");
        client.expect("421 4.7.0 Too many errors; closing connection");
        assertThat(client.closedByServer()).isTrue();
      }
      try (SmtpClient again = server.connect()) {
        again.expect("421 4.7.0 Too many errors from your address; try later");
        assertThat(again.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void bareLineEndsCanBeNormalisedInsteadOfRefused() throws Exception {
    SmtpLimits limits =
        LENIENT.withReader(ReaderLimits.DEFAULTS.withLineEnds(LineEndPolicy.NORMALISE));
    try (LiveSmtpServer server = LiveSmtpServer.start(data, limits);
        SmtpClient client = greeted(server)) {
      server.addAlias("hello@example.com");
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("Subject: lf\n\nline\n.\nQUIT\r\n.\r\n").expectStart("250 2.0.0");
      assertThat(new String(server.delivery().last().message().raw(), StandardCharsets.US_ASCII))
          .endsWith("\r\nSubject: lf\r\n\r\nline\r\n.\r\nQUIT\r\n");
      client.command("NOOP", "250 2.0.0 OK");
    }
  }

  @Test
  void withoutACertificateStartTlsIsNeitherOfferedNorAccepted() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.startWithoutTls(data);
        SmtpClient client = server.connect()) {
      client.expect("220 mx.test ESMTP Mailvault ready");
      assertThat(client.send("EHLO client.example").reply())
          .doesNotContain("STARTTLS")
          .endsWith("\n250 CHUNKING");
      client.command("STARTTLS", "502 5.5.1 STARTTLS not available");
      // The reader, paused after STARTTLS, reads commands again.
      client.command("NOOP", "250 2.0.0 OK");
    }
  }
}
