package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where the MX hands a received message (DESIGN §2, §5): for each recipient alias, appended to
 * INBOX (or Junk, {@link Destination}) of its vault when a session has it unlocked on this server,
 * otherwise sealed into its spool. When {@link #deliver} returns, every copy is durable (committed,
 * or fsynced and renamed into place), so the MX may answer 250; when it throws, no recipient keeps
 * a copy.
 */
public interface MailDelivery {

  /**
   * One recipient alias as the directory routes it.
   *
   * @param vaultId the alias's vault id
   * @param spoolPublicKey the alias's spool public key (X25519 + ML-KEM-768)
   */
  record Recipient(String vaultId, byte[] spoolPublicKey) {
    public Recipient {
      Objects.requireNonNull(vaultId, "vaultId");
      Objects.requireNonNull(spoolPublicKey, "spoolPublicKey");
    }
  }

  /** Which folder of the recipient's vault a message is filed in. */
  enum Destination {
    /** INBOX (RFC 9051 §5.1): where mail goes unless something says otherwise. */
    INBOX,
    /**
     * The folder with the RFC 6154 {@code \Junk} attribute, created when the vault has none: mail
     * that failed DMARC under {@code p=quarantine} (RFC 7489 §6.3, ADR 0206).
     */
    JUNK
  }

  /**
   * A received message with its envelope.
   *
   * @param raw the message as it will be stored (with the MX's trace headers prepended)
   * @param arrival when the MX accepted it: the INTERNALDATE it gets
   * @param mailFrom the envelope sender (empty for a bounce)
   * @param rcptTo the envelope recipients as given
   * @param destination the folder it is filed in, for every recipient
   */
  record Incoming(
      byte[] raw, Instant arrival, String mailFrom, List<String> rcptTo, Destination destination) {
    public Incoming {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(arrival, "arrival");
      Objects.requireNonNull(mailFrom, "mailFrom");
      rcptTo = List.copyOf(rcptTo);
      Objects.requireNonNull(destination, "destination");
    }

    /** A message for INBOX. */
    public Incoming(byte[] raw, Instant arrival, String mailFrom, List<String> rcptTo) {
      this(raw, arrival, mailFrom, rcptTo, Destination.INBOX);
    }
  }

  /**
   * Delivers {@code message} to every recipient, all or none.
   *
   * @throws dev.mailvault.core.quota.OverQuotaException when a recipient has no room (the MX
   *     answers 452 4.2.2, or 552 5.2.2 when the message alone exceeds the limit)
   * @throws MailvaultException when a copy could not be made durable (a temporary failure)
   */
  void deliver(Incoming message, List<Recipient> recipients) throws MailvaultException;
}
