package dev.mailvault.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.smtp.server.LiveSmtpServer;
import dev.mailvault.smtp.server.RecordingDelivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * swaks (Debian package, installed by .ci/run) sends to the live MX: plain, STARTTLS, pipelined.
 */
class SwaksClientTest {

  @TempDir static Path data;
  @TempDir Path work;

  private static LiveSmtpServer server;

  private static final String MESSAGE =
      "From: Swaks <a@far.example>\nTo: hello@example.com\nSubject: from swaks\n\n"
          + "First line\n.a line that starts with a dot\n..two dots\n\u00e9t\u00e9 8-bit\n";

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ExternalProgram.installed("swaks"), "swaks is not installed");
    server = LiveSmtpServer.start(data);
    server.addAlias("hello@example.com");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ExternalProgram.Result swaks(String... options) throws Exception {
    Path message = work.resolve("message.eml");
    // swaks puts its own line end before the final dot: the file ends without one.
    Files.writeString(message, MESSAGE.stripTrailing(), StandardCharsets.UTF_8);
    List<String> command =
        new ArrayList<>(
            List.of(
                "swaks",
                "--server",
                "127.0.0.1",
                "--port",
                Integer.toString(server.port()),
                "--ehlo",
                "swaks.example",
                "--from",
                "a@far.example",
                "--to",
                "hello+swaks@example.com",
                "--data",
                "@" + message));
    command.addAll(List.of(options));
    return ExternalProgram.run(work, java.util.Map.of(), Duration.ofSeconds(30), command)
        .requireSuccess();
  }

  private RecordingDelivery.Delivered checkDelivered(int before) {
    assertThat(server.delivery().delivered()).hasSize(before + 1);
    RecordingDelivery.Delivered got = server.delivery().last();
    assertThat(new String(StoredMessage.afterTrace(got.message().raw()), StandardCharsets.UTF_8))
        .isEqualTo(StoredMessage.crlf(MESSAGE));
    assertThat(got.message().mailFrom()).isEqualTo("a@far.example");
    assertThat(got.message().rcptTo()).containsExactly("hello+swaks@example.com");
    return got;
  }

  @Test
  void plain() throws Exception {
    int before = server.delivery().delivered().size();
    String output = swaks().output();
    assertThat(output).contains("<-  250 2.0.0 OK: message accepted");
    assertThat(StoredMessage.trace(checkDelivered(before).message().raw()))
        .contains("Received: from swaks.example ([127.0.0.1])")
        .contains(" with ESMTP id ");
  }

  @Test
  void startTls() throws Exception {
    int before = server.delivery().delivered().size();
    String output = swaks("--tls").output();
    assertThat(output).contains("-> STARTTLS").contains("<-  220 2.0.0 Ready to start TLS");
    assertThat(StoredMessage.trace(checkDelivered(before).message().raw()))
        .contains(" with ESMTPS id ")
        // The group is named when the provider tells it (BoringSSL, Bouncy Castle; ADR 0196).
        .containsPattern("\t\\(using TLSv1\\.[23] with cipher \\w+( group [\\w-]+)?\\)");
  }

  @Test
  void pipelining() throws Exception {
    int before = server.delivery().delivered().size();
    String output = swaks("--pipeline").output();
    // swaks sends MAIL, RCPT and DATA in one go when the server offers PIPELINING.
    assertThat(output).contains("<-  250 2.0.0 OK: message accepted");
    assertThat(output).containsPattern("-> MAIL FROM:<a@far.example>\\s+-> RCPT TO:");
    checkDelivered(before);
  }

  @Test
  void refusedRecipient() throws Exception {
    Path message = work.resolve("m.eml");
    Files.writeString(message, "Subject: x\n\nx\n");
    ExternalProgram.Result result =
        ExternalProgram.run(
            work,
            Duration.ofSeconds(30),
            "swaks",
            "--server",
            "127.0.0.1",
            "--port",
            Integer.toString(server.port()),
            "--from",
            "a@far.example",
            "--to",
            "hello@elsewhere.example",
            "--data",
            "@" + message);
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output())
        .contains("<** 550 5.7.1 Relaying denied: this server does not serve the domain");
  }
}
