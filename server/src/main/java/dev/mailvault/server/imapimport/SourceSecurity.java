package dev.mailvault.server.imapimport;

/**
 * How careful the connection to the source is (ADR 0145).
 *
 * @param allowPlaintextLogin send the password without TLS when an {@code imap://} server offers no
 *     STARTTLS ({@code --insecure}); always allowed to a loopback host
 * @param trustAnyCertificate accept a certificate no trusted authority signed, for any host name
 *     ({@code --trust-any-certificate}), for test servers with self-signed certificates
 */
public record SourceSecurity(boolean allowPlaintextLogin, boolean trustAnyCertificate) {

  public static final SourceSecurity STRICT = new SourceSecurity(false, false);
}
