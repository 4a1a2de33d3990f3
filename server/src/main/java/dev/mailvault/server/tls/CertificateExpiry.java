package dev.mailvault.server.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the server certificate is about to expire: within {@link #WARNING} of its notAfter an
 * operator has time to renew before clients refuse the connection.
 */
final class CertificateExpiry {

  /** Two weeks: longer than a holiday, shorter than the 30 days ACME clients renew ahead. */
  static final Duration WARNING = Duration.ofDays(14);

  private CertificateExpiry() {}

  /** One line saying when the certificate expires, or empty while it is not yet time to warn. */
  static Optional<String> warning(X509Certificate leaf, Instant now) {
    Instant notAfter = leaf.getNotAfter().toInstant();
    if (now.isBefore(notAfter.minus(WARNING))) {
      return Optional.empty();
    }
    String subject = leaf.getSubjectX500Principal().getName();
    if (now.isAfter(notAfter)) {
      return Optional.of("TLS certificate " + subject + " expired at " + notAfter);
    }
    long days = Duration.between(now, notAfter).toDays();
    return Optional.of(
        "TLS certificate " + subject + " expires at " + notAfter + " (in " + days + " days)");
  }
}
