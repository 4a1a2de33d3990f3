package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import java.util.List;
import java.util.Optional;

/**
 * The webhook transmitter of a queue that has none: every attempt fails for now (RFC 3463 X.3.0,
 * temporary), so a queued webhook waits, and finally bounces, rather than going anywhere else. The
 * server replaces it with the real one (issue 15).
 */
public final class UnwiredWebhooks implements Transmitter {

  public static final UnwiredWebhooks INSTANCE = new UnwiredWebhooks();

  private UnwiredWebhooks() {}

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    return attempt.recipients().stream()
        .map(OutboundRecipient::address)
        .map(
            address ->
                new RecipientResult(
                    address,
                    RecipientResult.Outcome.TEMPORARY,
                    "4.3.0",
                    "x-mailvault; webhook delivery is not available on this server yet",
                    Optional.empty()))
        .toList();
  }
}
