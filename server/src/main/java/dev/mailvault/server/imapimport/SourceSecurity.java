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

  /**
   * Whether the password may be sent to this source without TLS when it offers no STARTTLS (RFC
   * 9051 §11.1, RFC 8314 §3): only with {@code --insecure}, or to a host that resolves only to
   * loopback addresses, where it crosses no network. A host that does not resolve, the wildcard
   * address and a name with any non-loopback address count as remote.
   */
  public boolean allowsLoginWithoutTls(ImapSourceAddress address) {
    return allowPlaintextLogin || address.isLoopback();
  }
}
