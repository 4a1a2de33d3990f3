package dev.mailvault.smtp.server;

import static dev.mailvault.smtp.server.LiveSubmissionServer.plain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.smtp.session.SmtpLimits;
import dev.mailvault.smtp.session.SubmissionLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What submission accepts and what it hands the outbox (RFC 6409, ADR 0203, 0204): the sender
 * policy on the envelope and the From field, the §8 fixes, DSN and REQUIRETLS, the hourly count.
 */
class SubmissionMessageTest {

  @TempDir Path data;
  private LiveSubmissionServer server;
  private String password;

  private void start(SubmissionLimits limits) throws Exception {
    server = LiveSubmissionServer.start(data, SmtpLimits.DEFAULTS, limits);
    password = server.addAlias("alice@example.com");
    server.addAlias("team@example.org");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Logged in as alice over implicit TLS. */
  private SmtpClient loggedIn() throws Exception {
    SmtpClient client = server.connectTls();
    client.expectStart("220 ");
    client.send("EHLO laptop.test").expectStart("250-");
    client.command(
        "AUTH PLAIN " + plain("alice@example.com", password),
        "235 2.7.0 Authentication successful");
    return client;
  }

  private static String message(String headers) {
    return headers + "Subject: hi\r\n\r\nHello.\r\n";
  }

  private static String text(OutboundMessage message) {
    return new String(message.raw(), StandardCharsets.UTF_8);
  }

  @Test
  void theEnvelopeSenderMustBeTheLoginOrAnAddressItMaySendAs() throws Exception {
    start(SubmissionLimits.DEFAULTS);
    try (SmtpClient client = loggedIn()) {
      client.command(
          "MAIL FROM:<mallory@example.com>", "550 5.7.1 Sender address not allowed for this login");
      client.command(
          "MAIL FROM:<ceo@other.example>", "550 5.7.1 Sender address not allowed for this login");
      client.command("MAIL FROM:<>", "553 5.7.1 Submission needs a sender address, not <>");
      // Another alias of the account, and the login's own +tag.
      client.command("MAIL FROM:<Team@example.org>", "250 2.1.0 Sender OK");
      client.command("RSET", "250 2.0.0 OK");
      client.command("MAIL FROM:<alice+lists@example.com>", "250 2.1.0 Sender OK");
      client.command("RSET", "250 2.0.0 OK");
      // The operator's send-as list.
      server
          .directory()
          .addSendAs(
              EmailAddress.parse("alice@example.com"), EmailAddress.parse("ceo@other.example"));
      client.command("MAIL FROM:<ceo@other.example>", "250 2.1.0 Sender OK");
    }
  }

  @Test
  void everyFromAddressMustBeAllowed() throws Exception {
    start(SubmissionLimits.DEFAULTS);
    try (SmtpClient client = loggedIn()) {
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.send(
          message("From: Alice <alice@example.com>,\r\n Boss <boss@far.example>\r\n") + ".");
      client.expect("550 5.7.1 From address not allowed for this login");
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.send(message("To: bob@far.example\r\n") + ".");
      client.expect("550 5.6.0 The message needs a readable From header field");
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.send(message("From: \"A\" <alice@example.com>, Team <team@example.org>\r\n") + ".");
      client.expect("250 2.0.0 OK queued as Q1");
    }
    assertThat(server.outbox().messages()).hasSize(1);
  }

  @Test
  void messageIdAndDateAreAddedAndBccIsStrippedWithoutATrace() throws Exception {
    start(SubmissionLimits.DEFAULTS);
    try (SmtpClient client = loggedIn()) {
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      client.command("RCPT TO:<secret@far.example>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.send(
          "From: alice@example.com\r\n"
              + "BCC: secret@far.example,\r\n"
              + "\tother@far.example\r\n"
              + "To: bob@far.example\r\n"
              + "bcc: third@far.example\r\n"
              + "\r\n"
              + "Bcc: in the body stays\r\n.");
      client.expect("250 2.0.0 OK queued as Q1");
    }
    OutboundMessage sent = server.outbox().last();
    String text = text(sent);
    assertThat(text)
        .matches("(?s)Message-ID: <[0-9a-f]{32}@submit\\.test>\r\n.*")
        .contains("\r\nDate: Sun, 1 Mar 2026 10:15:30 +0000\r\n")
        .endsWith(
            "From: alice@example.com\r\nTo: bob@far.example\r\n\r\nBcc: in the body stays\r\n")
        .doesNotContain("secret", "other@", "third@", "Received", "127.0.0.1");
    assertThat(sent.mailFrom()).isEqualTo("alice@example.com");
    assertThat(sent.sender()).isEqualTo("alice@example.com");
    assertThat(sent.recipients())
        .containsExactly(
            OutboundRecipient.of("bob@far.example"), OutboundRecipient.of("secret@far.example"));
    assertThat(sent.accepted()).isEqualTo(LiveSubmissionServer.NOW);
  }

  @Test
  void aMessageIdAndADateTheClientGaveAreKept() throws Exception {
    start(SubmissionLimits.DEFAULTS);
    try (SmtpClient client = loggedIn()) {
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      String original =
          "Message-Id: <own@laptop.test>\r\nDate: Mon, 2 Feb 2026 08:00:00 +0100\r\n"
              + message("From: alice@example.com\r\n");
      client.send(original + ".");
      client.expect("250 2.0.0 OK queued as Q1");
      assertThat(text(server.outbox().last())).isEqualTo(original);
    }
  }

  @Test
  void theReceivedFieldIsAddedOnlyWhenConfigured() throws Exception {
    start(new SubmissionLimits(500, true));
    try (SmtpClient client = loggedIn()) {
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.send(message("From: alice@example.com\r\n") + ".");
      client.expect("250 2.0.0 OK queued as Q1");
    }
    assertThat(text(server.outbox().last()))
        .startsWith("Received: from laptop.test ([127.0.0.1])\r\n\t(using TLSv1.")
        .contains("\tby submit.test (Mailvault) with ESMTPSA id ")
        .contains("\r\n\tfor <bob@far.example>;\r\n\tSun, 1 Mar 2026 10:15:30 +0000\r\n");
  }

  @Test
  void dsnAndRequireTlsParametersReachTheOutbox() throws Exception {
    start(SubmissionLimits.DEFAULTS);
    try (SmtpClient client = loggedIn()) {
      client.command(
          "MAIL FROM:<alice@example.com> RET=HDRS ENVID=QQ+2B314 REQUIRETLS BODY=8BITMIME"
              + " AUTH=alice@example.com",
          "250 2.1.0 Sender OK");
      client.command(
          "RCPT TO:<bob@far.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob+2Bx@far.example",
          "250 2.1.5 Recipient OK");
      client.command("RCPT TO:<carol@far.example> NOTIFY=NEVER", "250 2.1.5 Recipient OK");
      client.command(
          "RCPT TO:<dave@far.example> NOTIFY=SOMETIMES",
          "501 5.5.4 NOTIFY must be NEVER or SUCCESS, FAILURE, DELAY");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.send(message("From: alice@example.com\r\n") + ".");
      client.expect("250 2.0.0 OK queued as Q1");
    }
    OutboundMessage sent = server.outbox().last();
    assertThat(sent.ret()).isEqualTo(DsnReturn.HEADERS);
    assertThat(sent.envelopeId()).contains("QQ+314");
    assertThat(sent.requireTls()).isTrue();
    assertThat(sent.eightBit()).isTrue();
    assertThat(sent.smtpUtf8()).isFalse();
    assertThat(sent.recipients())
        .containsExactly(
            new OutboundRecipient(
                "bob@far.example",
                Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE),
                Optional.of("rfc822;Bob+x@far.example")),
            new OutboundRecipient("carol@far.example", Set.of(DsnNotify.NEVER), Optional.empty()));
  }

  @Test
  void theHourlyCountRefusesTheThirdMessageWith450() throws Exception {
    start(new SubmissionLimits(2, false));
    try (SmtpClient client = loggedIn()) {
      for (int i = 1; i <= 2; i++) {
        client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
        client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
        client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
        client.send(message("From: alice@example.com\r\n") + ".");
        client.expect("250 2.0.0 OK queued as Q" + i);
      }
      client.command(
          "MAIL FROM:<alice@example.com>",
          "450 4.7.1 Too many messages this hour; try again later");
    }
  }

  @Test
  void chunkingWorksAsOnTheMx() throws Exception {
    start(SubmissionLimits.DEFAULTS);
    try (SmtpClient client = loggedIn()) {
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      String first = "From: alice@example.com\r\nBcc: x@far.example\r\n";
      String second = "Subject: chunks\r\n\r\nbody\r\n";
      client.sendRaw("BDAT " + first.length() + "\r\n" + first);
      client.expect("250 2.0.0 " + first.length() + " octets received");
      client.sendRaw("BDAT " + second.length() + " LAST\r\n" + second);
      client.expect("250 2.0.0 OK queued as Q1");
    }
    assertThat(text(server.outbox().last()))
        .endsWith("From: alice@example.com\r\nSubject: chunks\r\n\r\nbody\r\n");
  }

  @Test
  void anOutboxFailureIs451AndNothingIsCounted() throws Exception {
    start(new SubmissionLimits(1, false));
    server.outbox().fail();
    try (SmtpClient client = loggedIn()) {
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.send(message("From: alice@example.com\r\n") + ".");
      client.expectStart("451 4.3.0 Temporary failure, try again later (id ");
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
    }
  }

  @Test
  void sizeAndRecipientLimitsApply() throws Exception {
    server =
        LiveSubmissionServer.start(
            data,
            SmtpLimits.DEFAULTS
                .withReader(SmtpLimits.DEFAULTS.reader().withMaxMessageSize(1000))
                .withRecipientsAndConnections(1, 20),
            SubmissionLimits.DEFAULTS);
    password = server.addAlias("alice@example.com");
    try (SmtpClient client = loggedIn()) {
      client.command(
          "MAIL FROM:<alice@example.com> SIZE=1001",
          "552 5.3.4 Message size exceeds fixed maximum message size");
      client.command("MAIL FROM:<alice@example.com> SIZE=1000", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<bob@far.example>", "250 2.1.5 Recipient OK");
      client.command("RCPT TO:<carol@far.example>", "452 4.5.3 Too many recipients");
    }
  }
}
