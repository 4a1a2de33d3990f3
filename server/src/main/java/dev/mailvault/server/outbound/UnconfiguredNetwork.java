package dev.mailvault.server.outbound;

import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import java.util.List;
import java.util.Optional;

/**
 * The node's network delivery until {@code outbound.delivery}'s SMTP client is wired in: every
 * remote recipient is deferred (and so retried, then bounced at the give-up time), never lost.
 */
public final class UnconfiguredNetwork implements Transmitter {

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    return attempt.recipients().stream()
        .map(
            r ->
                new RecipientResult(
                    r.address(),
                    RecipientResult.Outcome.TEMPORARY,
                    "4.4.0",
                    "smtp; 451 4.4.0 outbound network delivery not configured",
                    Optional.empty()))
        .toList();
  }
}
