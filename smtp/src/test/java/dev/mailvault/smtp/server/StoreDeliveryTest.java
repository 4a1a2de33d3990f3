package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.store.LocalDelivery;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MX in front of the real store's {@link LocalDelivery}: an offline alias's mail is sealed into
 * its spool (no plaintext on disk), and the store's real quota refusals become 452 4.2.2 or 552
 * 5.2.2.
 */
class StoreDeliveryTest {

  @TempDir Path data;

  private static final String SECRET = "Subject: the-secret-subject-7f3a\r\n\r\nbody-7f3a\r\n";

  private static void send(SmtpClient client, String rcpt, String message, String expected)
      throws Exception {
    client.command("MAIL FROM:<sender-7f3a@far.example>", "250 2.1.0 Sender OK");
    client.command("RCPT TO:<" + rcpt + ">", "250 2.1.5 Recipient OK");
    client.command("DATA", "354 End data with <CR><LF>.<CR><LF>");
    client.sendRaw(message + ".\r\n");
    assertThat(client.reply()).startsWith(expected);
  }

  @Test
  void offlineMailIsSealedAndQuotaRefusalsGetTheirCodes() throws Exception {
    VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(data.resolve("vaults")));
    SpoolStore spool = new SpoolStore(data.resolve("spool"));
    try (LiveSmtpServer server =
        LiveSmtpServer.start(
            data, directory -> new LocalDelivery(vaults, spool, directory::quotaLedger))) {
      String vault = server.addAlias("hello@example.com");
      server.addAlias("small@example.com");
      server
          .directory()
          .setAliasQuota(EmailAddress.parse("small@example.com"), QuotaLimits.bytes(100));
      try (SmtpClient client = server.connect()) {
        client.expect("220 mx.test ESMTP Mailvault ready");
        client.send("EHLO client.example").reply();
        send(client, "hello@example.com", SECRET, "250 2.0.0 OK");
        assertThat(spool.list(vault)).hasSize(1);

        send(client, "small@example.com", SECRET, "552 5.2.2");
        server
            .directory()
            .setAliasQuota(EmailAddress.parse("hello@example.com"), QuotaLimits.messages(1));
        send(client, "hello@example.com", SECRET, "452 4.2.2");
        assertThat(spool.list(vault)).hasSize(1);
      }
      // DESIGN §1: nothing of the message, nor the addresses, in plaintext anywhere on disk.
      try (Stream<Path> files = Files.walk(data.resolve("spool"))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(content).doesNotContain("7f3a").doesNotContain("example.com");
          assertThat(file.toString()).doesNotContain("hello").doesNotContain("example");
        }
      }
    } finally {
      vaults.close();
    }
  }
}
