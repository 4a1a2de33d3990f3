package dev.mailvault.outbound.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.LocalMailboxes;
import dev.mailvault.outbound.RecipientResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a local delivery's refusals become in the queue (ADR 0242, 0252): a Sieve rejection is a
 * permanent 550 5.7.1 with the script's reason made printable, a loop a permanent 554 5.4.6.
 */
class LocalTransmitterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  private static RecipientResult deliverTo(LocalMailboxes mailboxes) {
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            "q1",
            "sender@far.example",
            "example.com",
            List.of(OutboundRecipient.of("hello@example.com")),
            "Subject: x\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII),
            Optional.empty(),
            DsnReturn.DEFAULT,
            false,
            false,
            false);
    return new LocalTransmitter(mailboxes, CLOCK).transmit(attempt).get(0);
  }

  private static LocalMailboxes refusing(Refusal refusal) {
    return new LocalMailboxes() {
      @Override
      public boolean serves(String domain) {
        return true;
      }

      @Override
      public void deliver(String address, String mailFrom, byte[] raw, Instant arrival)
          throws MailvaultException {
        refusal.refuse();
      }
    };
  }

  @FunctionalInterface
  private interface Refusal {
    void refuse() throws MailvaultException;
  }

  @Test
  void aSieveRejectionIsPermanentWithTheReasonMadePrintable() {
    RecipientResult result =
        deliverTo(
            refusing(
                () -> {
                  throw new LocalMailboxes.RejectedException("Nicht hier.\r\nBitte später.");
                }));

    assertThat(result.outcome()).isEqualTo(RecipientResult.Outcome.PERMANENT);
    assertThat(result.status()).isEqualTo("5.7.1");
    assertThat(result.diagnostic()).isEqualTo("smtp; 550 5.7.1 Nicht hier. Bitte sp ter.");
  }

  @Test
  void aLoopIsPermanent() {
    RecipientResult result =
        deliverTo(
            refusing(
                () -> {
                  throw new LocalMailboxes.LoopException("looped");
                }));

    assertThat(result.outcome()).isEqualTo(RecipientResult.Outcome.PERMANENT);
    assertThat(result.status()).isEqualTo("5.4.6");
  }
}
