package dev.mailvault.smtp.server;

import static dev.mailvault.smtp.server.LiveSubmissionServer.base64;
import static dev.mailvault.smtp.server.LiveSubmissionServer.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AUTH on submission (RFC 4954): PLAIN and LOGIN, their failures, and no relaying without it. */
class SubmissionAuthTest {

  @TempDir Path data;
  private LiveSubmissionServer server;
  private String password;

  @BeforeEach
  void start() throws Exception {
    server = LiveSubmissionServer.start(data);
    password = server.addAlias("alice@example.com");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Greeted over STARTTLS, EHLO answered again. */
  private SmtpClient overTls() throws Exception {
    SmtpClient client = server.connect();
    client.expectStart("220 ");
    client.send("EHLO client.test").expectStart("250-");
    client.command("STARTTLS", "220 2.0.0 Ready to start TLS");
    client.startTls();
    String ehlo = client.send("EHLO client.test").reply();
    assertThat(ehlo)
        .contains("250-AUTH PLAIN LOGIN", "250-DSN", "250-REQUIRETLS", "250 CHUNKING")
        .contains("250-8BITMIME", "250-SMTPUTF8", "250-PIPELINING", "250-ENHANCEDSTATUSCODES")
        .doesNotContain("STARTTLS");
    return client;
  }

  @Test
  void plainWithAnInitialResponseLogsIn() throws Exception {
    try (SmtpClient client = overTls()) {
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "235 2.7.0 Authentication successful");
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      // RFC 4954 §4: no second AUTH.
      client.command("RSET", "250 2.0.0 OK");
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password), "503 5.5.1 Already authenticated");
    }
  }

  @Test
  void plainAfterAnEmptyChallengeLogsIn() throws Exception {
    try (SmtpClient client = overTls()) {
      client.command("AUTH PLAIN", "334 ");
      client.command(plain("alice@example.com", password), "235 2.7.0 Authentication successful");
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
    }
  }

  @Test
  void loginAsksForUsernameThenPassword() throws Exception {
    try (SmtpClient client = overTls()) {
      client.command("AUTH LOGIN", "334 VXNlcm5hbWU6");
      client.command(base64("alice@example.com"), "334 UGFzc3dvcmQ6");
      client.command(base64(password), "235 2.7.0 Authentication successful");
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
    }
  }

  @Test
  void loginWithTheUsernameAsInitialResponse() throws Exception {
    try (SmtpClient client = overTls()) {
      client.command("AUTH LOGIN " + base64("alice@example.com"), "334 UGFzc3dvcmQ6");
      client.command(base64(password), "235 2.7.0 Authentication successful");
    }
  }

  @Test
  void aWrongPasswordIs535AndTheThrottleThenSays454() throws Exception {
    try (SmtpClient client = overTls()) {
      for (int i = 0; i < 3; i++) {
        client.command(
            "AUTH PLAIN " + plain("alice@example.com", "wrong"),
            "535 5.7.8 Authentication credentials invalid");
      }
      // The fourth attempt from this network is blocked, the right password too (ADR 0171).
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "454 4.7.0 Temporary authentication failure; try again later");
      client.command("MAIL FROM:<alice@example.com>", "530 5.7.0 Authentication required");
    }
  }

  @Test
  void badBase64AndCancelAre501() throws Exception {
    try (SmtpClient client = overTls()) {
      client.command("AUTH PLAIN !!!", "501 5.5.2 Invalid base64");
      client.command("AUTH PLAIN", "334 ");
      client.command("*", "501 5.0.0 Authentication cancelled");
      client.command("AUTH LOGIN", "334 VXNlcm5hbWU6");
      client.command("not base64!", "501 5.5.2 Invalid base64");
      client.command("AUTH LOGIN", "334 VXNlcm5hbWU6");
      client.command(base64("alice@example.com"), "334 UGFzc3dvcmQ6");
      client.command("*", "501 5.0.0 Authentication cancelled");
      client.command("AUTH PLAIN " + base64("no nul here"), "501 5.5.2 Invalid PLAIN response");
      client.command("AUTH CRAM-MD5", "504 5.5.4 Unrecognized authentication type");
      // The session reads commands again after each: still able to log in.
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "235 2.7.0 Authentication successful");
    }
  }

  @Test
  void aResponseLineLongerThanACommandLineIs500() throws Exception {
    try (SmtpClient client = overTls()) {
      client.command("AUTH PLAIN", "334 ");
      client.command("A".repeat(600), "500 5.5.6 Authentication exchange line is too long");
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "235 2.7.0 Authentication successful");
    }
  }

  @Test
  void actingAsAnotherAliasFails() throws Exception {
    server.addAlias("bob@example.com");
    try (SmtpClient client = overTls()) {
      String response =
          java.util.Base64.getEncoder()
              .encodeToString(
                  ("bob@example.com\0alice@example.com\0" + password)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      client.command("AUTH PLAIN " + response, "535 5.7.8 Authentication credentials invalid");
    }
  }

  @Test
  void noMailWithoutAuthAndNoAuthInTheMiddleOfATransaction() throws Exception {
    try (SmtpClient client = overTls()) {
      client.command("MAIL FROM:<alice@example.com>", "530 5.7.0 Authentication required");
      client.command("RCPT TO:<bob@far.example>", "503 5.5.1 Need MAIL before RCPT");
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "235 2.7.0 Authentication successful");
      client.command("MAIL FROM:<alice@example.com>", "250 2.1.0 Sender OK");
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "503 5.5.1 AUTH not allowed during a mail transaction");
    }
  }

  @Test
  void theImplicitTlsPortOffersAuthAtOnce() throws Exception {
    try (SmtpClient client = server.connectTls()) {
      client.expectStart("220 " + LiveSubmissionServer.HOSTNAME);
      assertThat(client.send("EHLO client.test").reply())
          .contains("250-AUTH PLAIN LOGIN", "250-REQUIRETLS")
          .doesNotContain("STARTTLS");
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "235 2.7.0 Authentication successful");
    }
  }

  @Test
  void theMxHasNoAuth() throws Exception {
    try (LiveSmtpServer mx = LiveSmtpServer.start(data.resolve("mx"));
        SmtpClient client = mx.connect()) {
      client.expectStart("220 ");
      assertThat(client.send("EHLO client.test").reply()).doesNotContain("AUTH", "DSN");
      client.command("AUTH PLAIN AGFAYg==", "502 5.5.1 Command not implemented");
      client.command(
          "MAIL FROM:<a@b.example> AUTH=<>", "555 5.5.4 MAIL FROM parameter AUTH not recognized");
    }
  }
}
