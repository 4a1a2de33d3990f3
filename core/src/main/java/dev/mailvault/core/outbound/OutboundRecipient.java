package dev.mailvault.core.outbound;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One envelope recipient with its DSN options (RFC 3461).
 *
 * @param address the forward-path as given to RCPT TO
 * @param notifyOn §4.1 NOTIFY; empty when not given (then failures and delays are reported, as RFC
 *     3461 §4.1 suggests for a missing NOTIFY)
 * @param originalRecipient §4.2 ORCPT, as given ({@code rfc822;addr}, xtext decoded)
 */
public record OutboundRecipient(
    String address, Set<DsnNotify> notifyOn, Optional<String> originalRecipient) {

  public OutboundRecipient {
    Objects.requireNonNull(address, "address");
    notifyOn = Set.copyOf(notifyOn);
    Objects.requireNonNull(originalRecipient, "originalRecipient");
    if (notifyOn.contains(DsnNotify.NEVER) && notifyOn.size() > 1) {
      throw new IllegalArgumentException("NOTIFY=NEVER excludes every other value");
    }
  }

  /** A recipient without DSN options. */
  public static OutboundRecipient of(String address) {
    return new OutboundRecipient(address, Set.of(), Optional.empty());
  }

  /** Whether a failure is reported to the sender (RFC 3461 §4.1). */
  public boolean reportsFailure() {
    return notifyOn.isEmpty() || notifyOn.contains(DsnNotify.FAILURE);
  }

  /** Whether a delay warning is sent (RFC 3461 §4.1). */
  public boolean reportsDelay() {
    return notifyOn.isEmpty() || notifyOn.contains(DsnNotify.DELAY);
  }

  /** Whether a successful delivery is reported (RFC 3461 §4.1: only when asked). */
  public boolean reportsSuccess() {
    return notifyOn.contains(DsnNotify.SUCCESS);
  }

  @Override
  public String toString() {
    return "OutboundRecipient[notify " + notifyOn + "]";
  }
}
