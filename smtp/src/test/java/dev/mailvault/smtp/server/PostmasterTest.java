package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AliasInfo;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 5321 §4.5.1: mail to the postmaster is accepted and reaches a person (ADR 0178). */
class PostmasterTest {

  @TempDir Path data;

  @Test
  void postmasterWithoutADomainReachesTheOldestAliasInAnyCase() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.start(data)) {
      String oldest = aliasesInOrder(server);
      try (SmtpClient client = greeted(server)) {
        client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
        client.command("RCPT TO:<PostMaster>", "250 2.1.5 Recipient OK");
        deliver(client);
      }
      assertThat(server.delivery().last().recipients())
          .singleElement()
          .satisfies(r -> assertThat(r.vaultId()).isEqualTo(oldest));
      assertThat(server.delivery().last().message().rcptTo()).containsExactly("PostMaster");
    }
  }

  @Test
  void postmasterAtAServedDomainWithoutSuchAnAliasReachesThePostmaster() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.start(data)) {
      String oldest = aliasesInOrder(server);
      try (SmtpClient client = greeted(server)) {
        client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
        client.command("RCPT TO:<POSTMASTER@example.com>", "250 2.1.5 Recipient OK");
        deliver(client);
        // Not an open door: a domain the server does not serve is still refused.
        client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
        client.command(
            "RCPT TO:<postmaster@elsewhere.example>",
            "550 5.7.1 Relaying denied: this server does not serve the domain");
      }
      assertThat(server.delivery().last().recipients())
          .singleElement()
          .satisfies(r -> assertThat(r.vaultId()).isEqualTo(oldest));
    }
  }

  @Test
  void aConfiguredPostmasterWins() throws Exception {
    try (LiveSmtpServer server =
        LiveSmtpServer.startWithPostmaster(data, EmailAddress.parse("abe@example.com"))) {
      aliasesInOrder(server);
      String abe =
          server.directory().findAlias(EmailAddress.parse("abe@example.com")).get().vaultId();
      try (SmtpClient client = greeted(server)) {
        client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
        client.command("RCPT TO:<postmaster>", "250 2.1.5 Recipient OK");
        deliver(client);
      }
      assertThat(server.delivery().last().recipients())
          .singleElement()
          .satisfies(r -> assertThat(r.vaultId()).isEqualTo(abe));
    }
  }

  @Test
  void withNoAliasAtAllThePostmasterIsRefused() throws Exception {
    try (LiveSmtpServer server = LiveSmtpServer.start(data);
        SmtpClient client = greeted(server)) {
      client.command("MAIL FROM:<a@far.example>", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<postmaster>", "550 5.1.1 No such mailbox here");
    }
  }

  /**
   * Creates zed@example.org, then (once the clock has moved on) abe@example.com, so that the oldest
   * alias is not the first by name; returns zed's vault id.
   */
  private static String aliasesInOrder(LiveSmtpServer server) throws Exception {
    String zed = server.addAlias("zed@example.org");
    Instant zedCreated =
        server.directory().listAliases().stream().map(AliasInfo::created).findFirst().orElseThrow();
    await().until(() -> Instant.now().isAfter(zedCreated));
    server.addAlias("abe@example.com");
    return zed;
  }

  private static SmtpClient greeted(LiveSmtpServer server) throws Exception {
    SmtpClient client = server.connect();
    client.expect("220 mx.test ESMTP Mailvault ready");
    client.send("EHLO client.example").reply();
    return client;
  }

  private static void deliver(SmtpClient client) throws Exception {
    String message = "Subject: hi\r\n\r\nhello\r\n";
    client.sendRaw("BDAT " + message.length() + " LAST\r\n" + message).expectStart("250 2.0.0 OK");
  }
}
