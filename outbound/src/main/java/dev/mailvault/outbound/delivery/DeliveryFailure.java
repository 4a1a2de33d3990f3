package dev.mailvault.outbound.delivery;

import dev.mailvault.outbound.RecipientResult.Outcome;
import java.util.Optional;

/**
 * Why no recipient of an attempt could be delivered to a destination or one of its hosts: the
 * outcome, status and diagnostic every recipient then gets. Its message names no address.
 */
final class DeliveryFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final Outcome outcome;
  private final String status;
  private final String diagnostic;
  private final transient Optional<String> remoteMta;

  DeliveryFailure(Outcome outcome, String status, String diagnostic) {
    this(outcome, status, diagnostic, Optional.empty());
  }

  DeliveryFailure(Outcome outcome, String status, String diagnostic, Optional<String> remoteMta) {
    // Only the status in the message: a remote reply may quote an address (privacy).
    super(outcome + " " + status, null, false, false);
    this.outcome = outcome;
    this.status = status;
    this.diagnostic = diagnostic;
    this.remoteMta = remoteMta;
  }

  static DeliveryFailure temporary(String status, String reason) {
    return new DeliveryFailure(Outcome.TEMPORARY, status, reason);
  }

  static DeliveryFailure permanent(String status, String reason) {
    return new DeliveryFailure(Outcome.PERMANENT, status, reason);
  }

  /** A refusal by {@code host}, in its own words. */
  static DeliveryFailure reply(String host, SmtpReply reply) {
    Outcome outcome = reply.transientFailure() ? Outcome.TEMPORARY : Outcome.PERMANENT;
    return new DeliveryFailure(outcome, reply.status(), reply.diagnostic(), Optional.of(host));
  }

  Outcome outcome() {
    return outcome;
  }

  String status() {
    return status;
  }

  String diagnostic() {
    return diagnostic;
  }

  Optional<String> remoteMta() {
    return remoteMta;
  }
}
