package dev.mailvault.core.access;

import dev.mailvault.core.mail.Flags;
import java.time.Instant;
import java.util.Objects;

/**
 * A message to store, exactly as received.
 *
 * @param raw the message bytes, kept byte-exact; the caller must not change the array afterwards
 * @param flags the flags and keywords to set
 * @param internalDate the INTERNALDATE (RFC 9051 §2.3.3); stored to the second, in UTC
 */
public record NewMessage(byte[] raw, Flags flags, Instant internalDate) {

  public NewMessage {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(internalDate, "internalDate");
  }

  public static NewMessage of(byte[] raw) {
    return new NewMessage(raw, Flags.NONE, Instant.now());
  }
}
