package dev.mailvault.smtp.session;

import dev.mailvault.directory.AliasRoute;

/**
 * Where one accepted RCPT goes (ADR 0240, 0241, 0243): an alias of ours, or on to another address
 * through the outbound queue (a domain-wide forward, or the original sender of a bounce to an SRS
 * address).
 */
sealed interface Routed {

  /** An alias of this server, with its delivery mode and forward targets. */
  record Alias(AliasRoute route) implements Routed {}

  /**
   * An address the message is queued to as it is.
   *
   * @param to the address the queue delivers to
   * @param recipient the forward-path as given, which a {@code Delivered-To} names (ADR 0242)
   * @param srsReturn whether {@code to} is the reversed SRS address of a bounce (no Delivered-To)
   */
  record Relay(String to, String recipient, boolean srsReturn) implements Routed {}
}
