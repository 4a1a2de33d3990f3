package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.RecipientResult.Outcome;
import dev.mailvault.outbound.Transmitter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A remote destination whose answer per address the test sets (accept unless told otherwise), and
 * which records every attempt.
 */
final class ScriptedTransmitter implements Transmitter {

  private final Map<String, Outcome> answers = new ConcurrentHashMap<>();
  final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
  final List<String> delivered = new CopyOnWriteArrayList<>();

  void answer(String address, Outcome outcome) {
    answers.put(address, outcome);
  }

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    attempts.add(attempt);
    return attempt.recipients().stream().map(r -> result(attempt, r)).toList();
  }

  private RecipientResult result(DeliveryAttempt attempt, OutboundRecipient recipient) {
    Outcome outcome = answers.getOrDefault(recipient.address(), Outcome.DELIVERED);
    return switch (outcome) {
      case DELIVERED -> {
        delivered.add(attempt.queueId() + " " + recipient.address());
        yield new RecipientResult(
            recipient.address(),
            outcome,
            "2.0.0",
            "smtp; 250 2.0.0 Ok",
            Optional.of("mx.remote.test"));
      }
      case TEMPORARY ->
          new RecipientResult(
              recipient.address(),
              outcome,
              "4.4.1",
              "smtp; 451 4.4.1 <" + recipient.address() + ">: try later",
              Optional.of("mx.remote.test"));
      case PERMANENT ->
          new RecipientResult(
              recipient.address(),
              outcome,
              "5.1.1",
              "smtp; 550 5.1.1 <" + recipient.address() + ">: no such user",
              Optional.of("mx.remote.test"));
    };
  }

  long attemptsTo(String address) {
    return attempts.stream()
        .filter(a -> a.recipients().stream().anyMatch(r -> r.address().equals(address)))
        .count();
  }
}
