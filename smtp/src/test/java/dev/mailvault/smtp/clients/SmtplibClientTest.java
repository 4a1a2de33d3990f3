package dev.mailvault.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.smtp.server.LiveSmtpServer;
import dev.mailvault.smtp.server.RecordingDelivery;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's smtplib sends to the live MX: plain, STARTTLS, pipelined commands written in one go, and
 * refused recipients. smtplib has no BDAT, so CHUNKING is covered by the transcripts only.
 */
class SmtplibClientTest {

  @TempDir static Path data;
  @TempDir Path work;

  private static LiveSmtpServer server;

  private static final String MESSAGE =
      "From: py@far.example\r\nTo: hello@example.com\r\nSubject: from smtplib\r\n\r\n"
          + "body\r\n.leading dot\r\n";

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ExternalProgram.installed("python3"), "python3 is not installed");
    server = LiveSmtpServer.start(data);
    server.addAlias("hello@example.com");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String run(String mode) throws Exception {
    Path script = work.resolve("smtplib_client.py");
    try (InputStream in = getClass().getResourceAsStream("/clients/smtplib_client.py")) {
      Files.copy(in, script);
    }
    Path pem = work.resolve("ca.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(LiveSmtpServer.certificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    Path message = work.resolve("message.eml");
    Files.writeString(message, MESSAGE);
    return ExternalProgram.run(
            work,
            Duration.ofSeconds(30),
            "python3",
            script.toString(),
            mode,
            Integer.toString(server.port()),
            pem.toString(),
            message.toString())
        .requireSuccess()
        .output();
  }

  private RecordingDelivery.Delivered delivered(int before) {
    assertThat(server.delivery().delivered()).hasSize(before + 1);
    RecordingDelivery.Delivered got = server.delivery().last();
    assertThat(new String(StoredMessage.afterTrace(got.message().raw()), StandardCharsets.UTF_8))
        .isEqualTo(MESSAGE);
    return got;
  }

  @Test
  void plain() throws Exception {
    int before = server.delivery().delivered().size();
    String output = run("plain");
    assertThat(output)
        .contains(
            "ehlo 250 8bitmime chunking enhancedstatuscodes pipelining size smtputf8 starttls")
        .contains("refused {}");
    RecordingDelivery.Delivered got = delivered(before);
    assertThat(got.message().rcptTo()).containsExactly("hello@example.com", "hello+py@example.com");
    assertThat(got.recipients()).hasSize(1);
    assertThat(StoredMessage.trace(got.message().raw()))
        .contains("Received: from python.example ([127.0.0.1])");
  }

  @Test
  void startTls() throws Exception {
    int before = server.delivery().delivered().size();
    String output = run("starttls");
    assertThat(output)
        .contains("starttls 220 2.0.0 Ready to start TLS")
        .contains("tls TLSv1.3")
        .contains("starttls-offered-again False")
        .contains("refused {}");
    assertThat(StoredMessage.trace(delivered(before).message().raw()))
        .contains(" with ESMTPS id ")
        .contains("(using TLSv1.3 with cipher ");
  }

  @Test
  void pipelined() throws Exception {
    int before = server.delivery().delivered().size();
    String output = run("pipelined");
    assertThat(output)
        .contains("pipelining True")
        .containsSubsequence(
            "reply 250 2.1.0 Sender OK",
            "reply 550 5.1.1 No such mailbox here",
            "reply 250 2.1.5 Recipient OK",
            "reply 354 End data with <CR><LF>.<CR><LF>",
            "data 250 2.0.0 OK: message accepted");
    delivered(before);
  }

  @Test
  void refusedRecipients() throws Exception {
    int before = server.delivery().delivered().size();
    String output = run("refused");
    assertThat(output)
        .contains("refused nobody@example.com 550 5.1.1 No such mailbox here")
        .contains(
            "refused x@elsewhere.example 550 5.7.1 Relaying denied: this server does not serve"
                + " the domain");
    assertThat(server.delivery().delivered()).hasSize(before);
  }
}
