package dev.mailvault.store.spool;

import dev.mailvault.core.access.MailDelivery.Destination;
import dev.mailvault.core.access.MailDelivery.Filing;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message waiting in the spool, as the MX received it.
 *
 * @param raw the message bytes, byte-exact; the caller must not change the array afterwards
 * @param arrival when the MX accepted it; becomes the INTERNALDATE (RFC 9051 §2.3.3)
 * @param mailFrom the SMTP reverse-path (RFC 5321 §4.1.1.2), empty for the null path {@code <>}
 * @param rcptTo the SMTP forward-paths (RFC 5321 §4.1.1.3) that led to this alias
 * @param destination the folder the drain files it in: INBOX, or Junk for mail the MX quarantined
 * @param filings the copies the drain stores, at least one: where the alias's Sieve script filed
 *     the message and with which flags (ADR 0252), sealed with it so no folder name is on disk
 */
public record SpoolItem(
    byte[] raw,
    Instant arrival,
    String mailFrom,
    List<String> rcptTo,
    Destination destination,
    List<Filing> filings) {

  public SpoolItem {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(mailFrom, "mailFrom");
    rcptTo = List.copyOf(rcptTo);
    Objects.requireNonNull(destination, "destination");
    filings = List.copyOf(filings);
    if (filings.isEmpty()) {
      throw new IllegalArgumentException("a spool item keeps at least one copy");
    }
  }

  /** An item stored once in {@code destination}. */
  public SpoolItem(
      byte[] raw, Instant arrival, String mailFrom, List<String> rcptTo, Destination destination) {
    this(raw, arrival, mailFrom, rcptTo, destination, List.of(Filing.DEFAULT));
  }

  /** An item for INBOX. */
  public SpoolItem(byte[] raw, Instant arrival, String mailFrom, List<String> rcptTo) {
    this(raw, arrival, mailFrom, rcptTo, Destination.INBOX);
  }

  @Override
  public String toString() {
    // The envelope and content are the user's mail: never in a log line.
    return "SpoolItem[" + raw.length + " bytes, " + rcptTo.size() + " recipients]";
  }
}
