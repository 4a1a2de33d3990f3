package dev.mailvault.server.outbound;

import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Network delivery for node tests that look at the queue itself: every remote recipient is deferred
 * with {@link #DIAGNOSTIC}, so it stays queued, and every attempt is kept for the test to read.
 * Tests of real delivery use {@link NetworkDelivery} against Postfix instead.
 */
public final class DeferringNetwork implements Transmitter {

  public static final String DIAGNOSTIC = "smtp; 451 4.4.0 remote end kept busy by the test";

  private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    attempts.add(attempt);
    return attempt.recipients().stream()
        .map(
            r ->
                new RecipientResult(
                    r.address(),
                    RecipientResult.Outcome.TEMPORARY,
                    "4.4.0",
                    DIAGNOSTIC,
                    Optional.empty()))
        .toList();
  }

  /** Every attempt so far, oldest first. */
  public List<DeliveryAttempt> attempts() {
    return List.copyOf(attempts);
  }
}
