package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.smtp.codec.ReaderLimits;
import dev.mailvault.smtp.session.SmtpLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command and every refusal of the MX, as short transcripts against one live server with a
 * real directory: hello@example.com, other@example.com and the disabled off@example.com.
 */
class SmtpTranscriptTest {

  @TempDir static Path data;

  private static LiveSmtpServer server;
  private static String helloVault;
  private static String otherVault;

  @BeforeAll
  static void start() throws Exception {
    server =
        LiveSmtpServer.start(
            data,
            SmtpLimits.DEFAULTS
                .withReader(ReaderLimits.DEFAULTS.withMaxMessageSize(100_000))
                .withErrorBudget(1_000_000, Duration.ofMinutes(1)));
    helloVault = server.addAlias("hello@example.com");
    otherVault = server.addAlias("other@example.com");
    server.addAlias("off@example.com");
    server.directory().setEnabled(EmailAddress.parse("off@example.com"), false);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static SmtpClient greeted() throws Exception {
    SmtpClient client = server.connect();
    client.expect("220 mx.test ESMTP Mailvault ready");
    client.send("EHLO client.example").reply();
    return client;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void ehloAnnouncesTheExtensions() throws Exception {
    try (SmtpClient client = server.connect()) {
      client.expect("220 mx.test ESMTP Mailvault ready");
      client.command(
          "EHLO client.example",
          String.join(
              "\n",
              "250-mx.test Hello client.example",
              "250-SIZE 100000",
              "250-8BITMIME",
              "250-SMTPUTF8",
              "250-PIPELINING",
              "250-ENHANCEDSTATUSCODES",
              "250-CHUNKING",
              "250 STARTTLS"));
      client.command("HELO client.example", "250 mx.test Hello");
      client.command("QUIT", "221 2.0.0 mx.test closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void aMessageIsDeliveredWithTraceHeadersOnAWorkerThread() throws Exception {
    try (SmtpClient client = greeted()) {
      client.command(
          "MAIL FROM:<sender@far.example> BODY=8BITMIME SIZE=100", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<Hello@Example.com>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("Subject: hi\r\n\r\n..dot\r\nbody \u00e9\r\n.\r\n");
      String reply = client.expectStart("250 2.0.0 OK: message accepted, id ");
      RecordingDelivery.Delivered got = server.delivery().last();
      String id = reply.substring(reply.lastIndexOf(' ') + 1);
      assertThat(got.thread()).startsWith("smtp-worker");
      assertThat(got.message().mailFrom()).isEqualTo("sender@far.example");
      assertThat(got.message().rcptTo()).containsExactly("Hello@Example.com");
      assertThat(got.recipients()).extracting(r -> r.vaultId()).containsExactly(helloVault);
      String raw = new String(got.message().raw(), StandardCharsets.ISO_8859_1);
      assertThat(raw)
          .matches(
              "Return-Path: <sender@far\\.example>\r\n"
                  + "Received: from client\\.example \\(\\[127\\.0\\.0\\.1\\]\\)\r\n"
                  + "\tby mx\\.test \\(Mailvault\\) with ESMTP id "
                  + id
                  + "\r\n\tfor <Hello@Example\\.com>;\r\n"
                  + "\t\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\r\n"
                  + "Subject: hi\r\n\r\n\\.dot\r\nbody \u00e9\r\n");
    }
  }

  @Test
  void plusAddressesReachTheBaseAliasAndDuplicatesGetOneCopy() throws Exception {
    try (SmtpClient client = greeted()) {
      client.command("MAIL FROM:<>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello+news@example.com>", "250 2.1.5 Recipient OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.command("RCPT TO:<other@example.com>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("x\r\n.\r\n").expectStart("250 2.0.0");
      RecordingDelivery.Delivered got = server.delivery().last();
      assertThat(got.message().mailFrom()).isEmpty();
      assertThat(got.message().rcptTo())
          .containsExactly("hello+news@example.com", "hello@example.com", "other@example.com");
      assertThat(got.recipients())
          .extracting(r -> r.vaultId())
          .containsExactly(helloVault, otherVault);
      // Several recipients: no "for" clause naming one of them to the others.
      assertThat(text(got.message().raw())).doesNotContain("\tfor <");
    }
  }

  @Test
  void recipientsTheMxRefuses() throws Exception {
    try (SmtpClient client = greeted()) {
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<nobody@example.com>", "550 5.1.1 No such mailbox here");
      client.command("RCPT TO:<nobody+tag@example.com>", "550 5.1.1 No such mailbox here");
      client.command(
          "RCPT TO:<hello@elsewhere.example>",
          "550 5.7.1 Relaying denied: this server does not serve the domain");
      client.command(
          "RCPT TO:<off@example.com>", "550 5.2.1 Mailbox disabled, not accepting messages");
      client.command("RCPT TO:<not an address>", "501 5.5.4 Syntax: RCPT TO:<address>");
      client.command("RCPT TO:<a..b@example.com>", "501 5.1.3 Bad recipient address syntax");
      client.command(
          "RCPT TO:<j\u00f6rg@example.com>", "553 5.6.7 Non-ASCII address needs SMTPUTF8");
      client.command("DATA", "503 5.5.1 No valid recipients");
      client.command("NOOP", "250 2.0.0 OK");
    }
  }

  @Test
  void utf8AddressesPassWithSmtpUtf8() throws Exception {
    try (SmtpClient client = greeted()) {
      client.command("MAIL FROM:<j\u00f6rg@far.example> SMTPUTF8", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<j\u00f6rg@example.com>", "550 5.1.1 No such mailbox here");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("x\r\n.\r\n").expectStart("250 2.0.0");
      assertThat(text(server.delivery().last().message().raw())).contains(" with UTF8SMTP id ");
      client.command(
          "MAIL FROM:<j\u00f6rg@far.example>", "553 5.6.7 Non-ASCII address needs SMTPUTF8");
      client.command("MAIL FROM:<bad@@x>", "501 5.1.7 Bad sender address syntax");
    }
  }

  @Test
  void commandsOutOfSequence() throws Exception {
    try (SmtpClient client = server.connect()) {
      client.expect("220 mx.test ESMTP Mailvault ready");
      client.command("MAIL FROM:<a@b.example>", "503 5.5.1 Send EHLO or HELO first");
      client.command("RCPT TO:<hello@example.com>", "503 5.5.1 Need MAIL before RCPT");
      client.command("DATA", "503 5.5.1 Need MAIL and RCPT first");
      client.command("HELO client.example", "250 mx.test Hello");
      client.command("MAIL FROM:<a@b.example>", "250 2.1.0 Sender OK");
      client.command("MAIL FROM:<a@b.example>", "503 5.5.1 Nested MAIL command");
      client.command("RSET", "250 2.0.0 OK");
      client.command("RCPT TO:<hello@example.com>", "503 5.5.1 Need MAIL before RCPT");
      // A refused BDAT still has its chunk read: the "QUIT" inside is data, not a command.
      client.sendRaw("BDAT 6\r\nQUIT\r\n");
      client.expect("503 5.5.1 Need MAIL and RCPT first");
      client.command("MAIL FROM:<a@b.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.send("BDAT 4").sendRaw("ab\r\n").expect("250 2.0.0 4 octets received");
      client.command("DATA", "503 5.5.1 DATA after BDAT");
      client.sendRaw("BDAT 3 LAST\r\nc\r\n").expectStart("250 2.0.0 OK");
      assertThat(server.delivery().last().message().raw())
          .endsWith("ab\r\nc\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(text(server.delivery().last().message().raw())).contains(" with SMTP id ");
    }
  }

  @Test
  void otherCommandsAndSyntaxErrors() throws Exception {
    try (SmtpClient client = greeted()) {
      client.command(
          "VRFY hello", "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery");
      client.command("EXPN staff", "502 5.5.1 Command not implemented");
      client.command("FROB", "500 5.5.1 Command unrecognized");
      client.command("NOOP whatever", "250 2.0.0 OK");
      client.command("RSET now", "501 5.5.4 Syntax: RSET takes no arguments");
      client.command(
          "MAIL FROM:<a@b.example> RET=FULL", "555 5.5.4 MAIL FROM parameter RET not recognized");
      client.command(
          "MAIL FROM:<a@b.example> SIZE=100001",
          "552 5.3.4 Message size exceeds fixed maximum message size");
      client.sendRaw("NOOP\n").expect("500 5.5.2 Line must end with CRLF");
      client.command("NOOP " + "x".repeat(600), "500 5.5.2 Line too long");
      client.command("EHLO", "501 5.5.4 Syntax: EHLO <domain>");
      client.command("NOOP", "250 2.0.0 OK");
    }
  }

  private static SmtpClient inData() throws Exception {
    SmtpClient client = greeted();
    client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
    client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
    client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
    return client;
  }

  @Test
  void smugglingWithLfDotLfIsRefusedAfterTheRealEndOfData() throws Exception {
    int before = server.delivery().delivered().size();
    try (SmtpClient client = inData()) {
      client.sendRaw(
          "Subject: a\r\n\r\nhi\n.\nMAIL FROM:<evil@far.example>\nRCPT TO:<other@example.com>\n"
              + "DATA\nSubject: smuggled\n\nx\n.\n");
      client.sendRaw("\r\n.\r\n");
      client.expect("550 5.6.11 Bare CR or LF in message; lines must end with CRLF");
      client.command("NOOP", "250 2.0.0 OK");
    }
    assertThat(server.delivery().delivered()).hasSize(before);
  }

  @Test
  void smugglingWithCrDotCrIsRefused() throws Exception {
    int before = server.delivery().delivered().size();
    try (SmtpClient client = inData()) {
      client.sendRaw("hi\r.\rRSET\r\r\n.\r\n");
      client.expect("550 5.6.11 Bare CR or LF in message; lines must end with CRLF");
      client.command("RCPT TO:<hello@example.com>", "503 5.5.1 Need MAIL before RCPT");
    }
    assertThat(server.delivery().delivered()).hasSize(before);
  }

  @Test
  void smugglingWithLfDotCrlfIsRefused() throws Exception {
    int before = server.delivery().delivered().size();
    try (SmtpClient client = inData()) {
      client.sendRaw("hi\n.\r\nQUIT\r\n.\r\n");
      client.expect("550 5.6.11 Bare CR or LF in message; lines must end with CRLF");
      client.command("NOOP", "250 2.0.0 OK");
    }
    assertThat(server.delivery().delivered()).hasSize(before);
  }

  @Test
  void oversizedDataAndLongTextLines() throws Exception {
    try (SmtpClient client = inData()) {
      client.sendRaw(("z".repeat(998) + "\r\n").repeat(120) + ".\r\n");
      client.expect("552 5.3.4 Message size exceeds fixed maximum message size");
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("z".repeat(999) + "\r\n.\r\n");
      client.expect("500 5.5.2 Line too long: more than 1000 octets");
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.sendRaw(
          "BDAT 60000\r\n" + "b".repeat(60000) + "BDAT 60000 LAST\r\n" + "c".repeat(60000));
      client.expect("250 2.0.0 60000 octets received");
      client.expect("552 5.3.4 Message size exceeds fixed maximum message size");
      client.command("BDAT 0 LAST", "503 5.5.1 Need MAIL and RCPT first");
    }
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    try (SmtpClient client = server.connect()) {
      client.expect("220 mx.test ESMTP Mailvault ready");
      client.sendRaw(
          "EHLO client.example\r\nMAIL FROM:<a@far.example>\r\nRCPT TO:<nobody@example.com>\r\n"
              + "RCPT TO:<hello@example.com>\r\nRCPT TO:<other@example.com>\r\nDATA\r\n");
      client.expectStart("250-mx.test Hello client.example");
      client.expect("250 2.1.0 Sender OK");
      client.expect("550 5.1.1 No such mailbox here");
      client.expect("250 2.1.5 Recipient OK");
      client.expect("250 2.1.5 Recipient OK");
      client.expect("354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("Subject: pipelined\r\n\r\nx\r\n.\r\nRSET\r\nQUIT\r\n");
      client.expectStart("250 2.0.0 OK");
      client.expect("250 2.0.0 OK");
      client.expect("221 2.0.0 mx.test closing connection");
      assertThat(server.delivery().last().recipients()).hasSize(2);
    }
  }

  @Test
  void bdatChunksArriveExactly() throws Exception {
    try (SmtpClient client = greeted()) {
      client.sendRaw("MAIL FROM:<a@far.example>\r\nRCPT TO:<hello@example.com>\r\n");
      client.sendRaw("BDAT 14\r\nSubject: b\r\n\r\nBDAT 10\r\n.\r\n.\r\n\r\n\r\nBDAT 0 LAST\r\n");
      client.expect("250 2.1.0 Sender OK");
      client.expect("250 2.1.5 Recipient OK");
      client.expect("250 2.0.0 14 octets received");
      client.expect("250 2.0.0 10 octets received");
      client.expectStart("250 2.0.0 OK");
      assertThat(server.delivery().last().message().raw())
          .endsWith("Subject: b\r\n\r\n.\r\n.\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  @Test
  void deliveryFailuresBecomeTheRightReplies() throws Exception {
    server
        .directory()
        .setAliasQuota(EmailAddress.parse("other@example.com"), QuotaLimits.bytes(50));
    try (SmtpClient client = greeted()) {
      for (String[] c :
          new String[][] {
            {"alias.messages", "hello@example.com", "452 4.2.2 Mailbox full, try again later"},
            {"alias.bytes", "hello@example.com", "452 4.2.2 Mailbox full, try again later"},
            {
              "alias.bytes",
              "other@example.com",
              "552 5.2.2 Mailbox full: the message exceeds its storage quota"
            }
          }) {
        server.delivery().failNextWith(new OverQuotaException(c[0], "over quota"));
        client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
        client.command("RCPT TO:<" + c[1] + ">", "250 2.1.5 Recipient OK");
        client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
        client.sendRaw("Subject: q\r\n\r\n" + "q".repeat(100) + "\r\n.\r\n").expect(c[2]);
      }
      server.delivery().failNextWith(new MailvaultException("disk on fire"));
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client
          .sendRaw("BDAT 3 LAST\r\nabc")
          .expectStart("451 4.3.0 Temporary failure, try again later (id ");
      server.delivery().failNextWith(new IllegalStateException("bug"));
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("x\r\n.\r\n").expectStart("451 4.3.0");
      client.command("NOOP", "250 2.0.0 OK");
    } finally {
      server
          .directory()
          .setAliasQuota(EmailAddress.parse("other@example.com"), QuotaLimits.UNLIMITED);
    }
  }

  @Test
  void startTlsDropsInjectedCommandsAndForgetsTheSession() throws Exception {
    try (SmtpClient client = greeted()) {
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      // RFC 3207 §4.2 / CVE-2011-0411: a command sent with STARTTLS must not run after the
      // handshake.
      client.sendRaw("STARTTLS\r\nRSET\r\n");
      client.expect("220 2.0.0 Ready to start TLS");
      var tls = client.startTls();
      assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
      client.command("MAIL FROM:<a@far.example>", "503 5.5.1 Send EHLO or HELO first");
      String ehlo = client.send("EHLO client.example").reply();
      assertThat(ehlo).doesNotContain("STARTTLS").endsWith("\n250 CHUNKING");
      client.command("STARTTLS", "503 5.5.1 TLS is already active");
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<hello@example.com>", "250 2.1.5 Recipient OK");
      client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
      client.sendRaw("x\r\n.\r\n").expectStart("250 2.0.0");
      assertThat(text(server.delivery().last().message().raw()))
          .contains("\t(using TLSv1.3 with cipher TLS_")
          .contains(" with ESMTPS id ");
    }
  }
}
