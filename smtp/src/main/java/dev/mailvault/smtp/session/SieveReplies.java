package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.sieve.SieveAction;
import dev.mailvault.core.sieve.SieveEnvelope;
import dev.mailvault.core.sieve.SieveMessage;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages a Sieve script makes the server send on an alias's behalf (ADR 0252): vacation
 * replies (RFC 5230), once per sender per {@code :days}, and rejection notices (RFC 5429 §2.1.2).
 * Both go from the null reverse-path through the outbound queue, best effort: one that cannot be
 * queued is logged, never a reason to refuse or lose the message it answers. Used by the MX and by
 * the queue's own local deliveries.
 */
public final class SieveReplies {

  private static final Logger LOG = LoggerFactory.getLogger(SieveReplies.class);

  private final Directory directory;
  private final Supplier<Optional<Outbox>> outbox;
  private final Clock clock;
  private final String hostname;

  /**
   * @param outbox the queue, asked for when a reply is sent (the node builds it after its users)
   * @param hostname our name, for Message-IDs and the Reporting-MTA
   */
  public SieveReplies(
      Directory directory, Supplier<Optional<Outbox>> outbox, Clock clock, String hostname) {
    this.directory = directory;
    this.outbox = outbox;
    this.clock = clock;
    this.hostname = hostname;
  }

  /** Sends {@code reply} unless the alias answered its recipient within its period. */
  public void vacation(EmailAddress alias, SieveAction.Vacation reply, byte[] raw, String id) {
    try {
      // RFC 5230 §4.2: one reply per sender (and handle) per :days.
      if (!directory.claimVacationReply(alias, reply.to(), reply.handle(), reply.period())) {
        return;
      }
    } catch (UnknownAliasException | RuntimeException e) {
      LOG.info("message {}: vacation reply skipped: {}", id, e.getClass().getSimpleName());
      return;
    }
    SieveMessage original = SieveMessage.of(raw, new SieveEnvelope("", reply.to(), ""));
    byte[] message =
        VacationReply.build(
            reply,
            alias.toString(),
            original.headers("Message-ID"),
            clock.instant().atZone(clock.getZone()),
            hostname);
    queue(reply.to(), alias.toString(), message, id, "vacation reply");
  }

  private void queue(String to, String sender, byte[] message, String id, String what) {
    Optional<Outbox> queue = outbox.get();
    if (queue.isEmpty()) {
      LOG.info("message {}: no outbound queue here, {} not sent", id, what);
      return;
    }
    boolean ascii = true;
    for (byte b : message) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    try {
      String queued =
          queue
              .get()
              .submit(
                  new OutboundMessage(
                      // RFC 5230 §5.1, RFC 3834 §4: automatic replies go from the null path.
                      "",
                      sender,
                      List.of(OutboundRecipient.of(to)),
                      message,
                      clock.instant(),
                      Optional.empty(),
                      DsnReturn.DEFAULT,
                      false,
                      !isAscii(to),
                      !ascii));
      LOG.info("message {}: {} queued as {}", id, what, queued);
    } catch (MailvaultException | RuntimeException e) {
      LOG.warn("message {}: {} could not be queued: {}", id, what, e.getClass().getSimpleName());
    }
  }

  /** Tells {@code sender} that the listed aliases' scripts rejected its message. */
  void rejectionNotice(
      String sender, List<RejectionNotice.Rejected> rejected, byte[] raw, String id) {
    queue(
        sender,
        rejected.get(0).alias(),
        RejectionNotice.build(
            sender, rejected, header(raw), clock.instant().atZone(clock.getZone()), hostname),
        id,
        "rejection notice");
  }

  /** The header section of {@code raw}, up to the blank line, for a rejection notice. */
  private static String header(byte[] raw) {
    int end = raw.length;
    for (int i = 0; i + 3 < raw.length; i++) {
      if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
        end = i + 2;
        break;
      }
    }
    return new String(raw, 0, Math.min(end, 64 * 1024), StandardCharsets.UTF_8);
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }
}
