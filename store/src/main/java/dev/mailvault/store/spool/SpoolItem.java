package dev.mailvault.store.spool;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message waiting in the spool, as the MX received it.
 *
 * @param raw the message bytes, byte-exact; the caller must not change the array afterwards
 * @param arrival when the MX accepted it; becomes the INBOX INTERNALDATE (RFC 9051 §2.3.3)
 * @param mailFrom the SMTP reverse-path (RFC 5321 §4.1.1.2), empty for the null path {@code <>}
 * @param rcptTo the SMTP forward-paths (RFC 5321 §4.1.1.3) that led to this alias
 */
public record SpoolItem(byte[] raw, Instant arrival, String mailFrom, List<String> rcptTo) {

  public SpoolItem {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(mailFrom, "mailFrom");
    rcptTo = List.copyOf(rcptTo);
  }

  @Override
  public String toString() {
    // The envelope and content are the user's mail: never in a log line.
    return "SpoolItem[" + raw.length + " bytes, " + rcptTo.size() + " recipients]";
  }
}
