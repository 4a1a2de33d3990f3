package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.Flags;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
   * @param filings the copies the alias keeps, at least one: what its Sieve script decided (ADR
   *     0252), or one {@link Filing#DEFAULT} copy
   */
  record Recipient(String vaultId, byte[] spoolPublicKey, List<Filing> filings) {
    public Recipient {
      Objects.requireNonNull(vaultId, "vaultId");
      Objects.requireNonNull(spoolPublicKey, "spoolPublicKey");
      filings = List.copyOf(filings);
      if (filings.isEmpty()) {
        throw new IllegalArgumentException("a recipient keeps at least one copy");
      }
    }

    /** A recipient that keeps one copy where the message's {@link Destination} says. */
    public Recipient(String vaultId, byte[] spoolPublicKey) {
      this(vaultId, spoolPublicKey, List.of(Filing.DEFAULT));
    }
  }

  /**
   * Where one copy is filed and with which flags: Sieve's {@code keep} and {@code fileinto} (RFC
   * 5228 §4.1, §4.3; RFC 5232 {@code :flags}; RFC 5490 {@code :create}). Decided at the MX, sealed
   * with the message when the vault is closed, applied when the copy is stored (ADR 0252).
   *
   * @param folder the folder named by {@code fileinto}; empty for the message's {@link Destination}
   * @param create whether a missing folder is created ({@code :create}); otherwise a copy for a
   *     folder the vault does not have goes to the message's destination, as Dovecot files it
   * @param flags the flags the copy is stored with
   */
  record Filing(Optional<String> folder, boolean create, Flags flags) {

    /** One copy in the message's destination, without flags. */
    public static final Filing DEFAULT = new Filing(Optional.empty(), false, Flags.NONE);

    public Filing {
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(flags, "flags");
    }

    @Override
    public String toString() {
      // A folder name says what the user files where: never in a log line.
      return "Filing[" + (folder.isPresent() ? "folder" : "destination") + "]";
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
