package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.WebhookRecipients;
import dev.mailvault.core.srs.SrsCodec;
import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.DeliveryMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MX's routing per alias with failures injected (ADR 0240): the 250 covers the stored and the
 * forwarded copies, or neither survives; forward-only never reaches the store.
 */
class ForwardingAllOrNothingTest {

  @TempDir Path data;
  private final RecordingOutbox outbox = new RecordingOutbox();
  private LiveSmtpServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        LiveSmtpServer.withForwarding(
            data, outbox, new SrsCodec(SecretBytes.random(32), Clock.systemUTC(), 21));
    server.addAlias("both@example.com");
    server.addAlias("fwd@example.com");
    server.directory().setDeliveryMode(address("both@example.com"), DeliveryMode.BOTH);
    server.directory().addForwardTarget(address("both@example.com"), "copy@far.example");
    server.directory().setDeliveryMode(address("fwd@example.com"), DeliveryMode.FORWARD);
    server.directory().addForwardTarget(address("fwd@example.com"), "only@far.example");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void whenTheStoreFailsTheHeldForwardIsAbandoned() throws Exception {
    server.delivery().failNextWith(new MailvaultException("disk full"));
    assertThat(send("sender@origin.example", "both@example.com")).startsWith("451 4.3.0");
    assertThat(outbox.held()).isZero();
    assertThat(outbox.messages()).isEmpty();
    assertThat(server.delivery().delivered()).isEmpty();
  }

  @Test
  void whenTheQueueFailsNothingIsStored() throws Exception {
    outbox.fail();
    assertThat(send("sender@origin.example", "both@example.com")).startsWith("451 4.3.0");
    assertThat(server.delivery().delivered()).isEmpty();
  }

  @Test
  void storeAndForwardMakesBothCopiesBeforeThe250() throws Exception {
    assertThat(send("sender@origin.example", "both@example.com")).startsWith("250 ");
    assertThat(server.delivery().delivered()).hasSize(1);
    assertThat(outbox.held()).isZero();
    OutboundMessage forwarded = outbox.last();
    assertThat(forwarded.recipients())
        .containsExactly(
            new OutboundRecipient(
                "copy@far.example", java.util.Set.of(), Optional.of("rfc822;both@example.com")));
    assertThat(forwarded.mailFrom()).matches("SRS0=.{4}=..=origin\\.example=sender@example\\.com");
  }

  @Test
  void forwardOnlyNeverReachesTheStoreAndWebhooksRideAsInvalidDomainRecipients() throws Exception {
    AddedForward hook =
        server.directory().addForwardTarget(address("fwd@example.com"), "https://hooks.example/x");
    assertThat(send("", "fwd@example.com")).startsWith("250 ");
    assertThat(server.delivery().delivered()).isEmpty();
    OutboundMessage forwarded = outbox.last();
    // A bounce keeps its null sender (RFC 5321 §4.5.5).
    assertThat(forwarded.mailFrom()).isEmpty();
    assertThat(forwarded.recipients())
        .extracting(OutboundRecipient::address)
        .containsExactly("only@far.example", WebhookRecipients.address(hook.target().id()));
    String raw = new String(forwarded.raw(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(raw).startsWith("Delivered-To: fwd@example.com\r\nReceived: from ");
    assertThat(raw).endsWith("Subject: test\r\n\r\nhello\r\n");
  }

  private String send(String from, String to) throws Exception {
    try (SmtpClient client = server.connect()) {
      client.expectStart("220");
      client.send("EHLO client.test");
      client.expectStart("250");
      client.command("MAIL FROM:<" + from + ">", "250 2.1.0 Sender OK");
      client.command("RCPT TO:<" + to + ">", "250 2.1.5 Recipient OK");
      client.send("DATA");
      client.expectStart("354");
      client.sendRaw("Subject: test\r\n\r\nhello\r\n.\r\n");
      return client.reply();
    }
  }

  private static EmailAddress address(String text) throws Exception {
    return EmailAddress.parse(text);
  }
}
