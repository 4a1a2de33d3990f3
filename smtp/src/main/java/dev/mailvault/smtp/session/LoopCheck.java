package dev.mailvault.smtp.session;

import dev.mailvault.core.outbound.LoopDetector;
import dev.mailvault.smtp.codec.SmtpReply;
import java.util.Collection;
import java.util.Optional;

/**
 * Stops mail loops at the end of DATA (ADR 0242): a message that has passed more hops than the
 * limit ({@code Received} fields, RFC 5321 §6.3), or that carries a {@code Delivered-To} naming an
 * address it is being delivered to again, is refused with 554 5.4.6 (RFC 3463 §3.5 X.4.6: routing
 * loop detected). Reads only the header, as received.
 */
final class LoopCheck {

  static final SmtpReply LOOP =
      SmtpReply.of(554, "5.4.6", "Routing loop detected: too many hops or delivered here before");

  private LoopCheck() {}

  /**
   * @param message the message as received, before our trace fields
   * @param recipients the addresses it is delivered to here (aliases, and relayed forward-paths)
   */
  static Optional<SmtpReply> check(byte[] message, int maxReceived, Collection<String> recipients) {
    return LoopDetector.loops(message, maxReceived, recipients)
        ? Optional.of(LOOP)
        : Optional.empty();
  }
}
