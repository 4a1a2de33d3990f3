package dev.mailvault.smtp.session;

import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.srs.SrsCodec;
import java.util.Objects;

/**
 * What the MX needs to forward (issue 15, ADR 0240-0243): the outbound queue, taking forwarded
 * copies as they arrived (no signature of ours added), the SRS codec for their reverse-paths, and
 * the hop limit of the loop check.
 *
 * @param outbox the queue, with its two-phase submission for store-and-forward
 * @param replies the queue for messages the MX writes itself on an alias's behalf (Sieve vacation
 *     replies and rejection notices, ADR 0252): signed as the alias's domain, as submission is
 * @param srs rewrites senders and reverses bounces to SRS addresses
 * @param maxReceived a message with more {@code Received} fields than this is refused as a loop
 */
public record MxForwarding(Outbox outbox, Outbox replies, SrsCodec srs, int maxReceived) {

  /** Postfix's {@code hopcount_limit}. */
  public static final int DEFAULT_MAX_RECEIVED = 50;

  public MxForwarding {
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(replies, "replies");
    Objects.requireNonNull(srs, "srs");
    if (maxReceived < 1) {
      throw new IllegalArgumentException("the hop limit is at least 1");
    }
  }

  /** Replies queued as forwards are, unsigned. */
  public MxForwarding(Outbox outbox, SrsCodec srs, int maxReceived) {
    this(outbox, outbox, srs, maxReceived);
  }
}
