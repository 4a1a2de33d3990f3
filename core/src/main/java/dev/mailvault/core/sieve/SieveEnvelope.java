package dev.mailvault.core.sieve;

import java.util.Objects;

/**
 * The SMTP envelope of the message being filtered, for the {@code envelope} test (RFC 5228 §5.4)
 * and for vacation replies (RFC 5230 §4.1).
 *
 * @param from the MAIL FROM address, {@code ""} for the null reverse-path {@code <>}
 * @param to the RCPT TO address that reached the alias, possibly with a {@code +detail}
 * @param originalTo the alias address the recipient resolved to
 */
public record SieveEnvelope(String from, String to, String originalTo) {

  public SieveEnvelope {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(originalTo, "originalTo");
  }
}
