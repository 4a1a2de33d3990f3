package dev.mailvault.smtp.server;

import static dev.mailvault.smtp.server.LiveSubmissionServer.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AUTH before TLS (RFC 4954 §4, as IMAP and POP3): refused for a client on another host, allowed
 * from loopback. The PROXY protocol (ADR 0173) makes the test's loopback client look remote.
 */
class SubmissionWithoutTlsTest {

  @TempDir Path data;

  @Test
  void aRemoteClientMustStartTlsFirst() throws Exception {
    try (LiveSubmissionServer server = LiveSubmissionServer.behindProxy(data);
        SmtpClient client = server.connect()) {
      String password = server.addAlias("alice@example.com");
      client.send("PROXY TCP4 203.0.113.9 127.0.0.1 40000 587");
      client.expectStart("220 ");
      String ehlo = client.send("EHLO client.test").reply();
      assertThat(ehlo).contains("250 STARTTLS").doesNotContain("AUTH", "REQUIRETLS");
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "538 5.7.11 Encryption required for requested authentication mechanism");
      client.command("MAIL FROM:<alice@example.com>", "530 5.7.0 Authentication required");
    }
  }

  @Test
  void aLoopbackClientMayLogInWithoutTlsButNotAskForRequireTls() throws Exception {
    try (LiveSubmissionServer server = LiveSubmissionServer.start(data);
        SmtpClient client = server.connect()) {
      String password = server.addAlias("alice@example.com");
      client.expectStart("220 ");
      assertThat(client.send("EHLO client.test").reply())
          .contains("250-AUTH PLAIN LOGIN")
          .doesNotContain("REQUIRETLS");
      client.command(
          "AUTH PLAIN " + plain("alice@example.com", password),
          "235 2.7.0 Authentication successful");
      client.command(
          "MAIL FROM:<alice@example.com> REQUIRETLS",
          "555 5.5.4 MAIL FROM parameter REQUIRETLS not recognized");
    }
  }
}
