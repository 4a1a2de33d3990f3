package dev.mailvault.outbound;

import dev.mailvault.core.error.MailvaultException;
import java.time.Instant;

/**
 * The aliases this server serves, as the queue sees them: recipients here are delivered into their
 * mailbox, never over the network (issue 13), and bounces and delay warnings go into the sender's
 * INBOX like any arriving message, to a live vault or sealed into its spool. The server implements
 * it on the directory and {@link dev.mailvault.core.access.MailDelivery}.
 */
public interface LocalMailboxes {

  /** Whether this server receives mail for {@code domain}. */
  boolean serves(String domain);

  /**
   * Delivers {@code raw} to the alias {@code address} names (with sub-address tags and the
   * postmaster rules the MX applies).
   *
   * @throws UnknownMailboxException when no enabled alias has the address (a permanent failure)
   * @throws LoopException when the alias forwards and the message loops (a permanent failure)
   * @throws MailvaultException when the copy could not be made durable now (try again later);
   *     {@link dev.mailvault.core.quota.OverQuotaException} when the mailbox is full
   */
  void deliver(String address, String mailFrom, byte[] raw, Instant arrival)
      throws MailvaultException;

  /** The message has been delivered to the address before, or passed too many hops (ADR 0242). */
  final class LoopException extends MailvaultException {
    private static final long serialVersionUID = 1L;

    public LoopException(String message) {
      super(message);
    }
  }

  /**
   * The alias's Sieve script rejected the message (RFC 5429): a permanent failure, reported to the
   * sender with the script's reason.
   */
  final class RejectedException extends MailvaultException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public RejectedException(String reason) {
      // The reason is the user's text: kept apart from the message a log line may show.
      super("rejected by the alias's filter");
      this.reason = reason;
    }

    /** What the script said, for the delivery report. */
    public String reason() {
      return reason;
    }
  }

  /** No enabled alias has the address. */
  final class UnknownMailboxException extends MailvaultException {
    private static final long serialVersionUID = 1L;

    public UnknownMailboxException(String message) {
      super(message);
    }
  }
}
