package dev.mailvault.outbound.delivery;

import java.net.InetAddress;

/**
 * An SMTP connection past its greeting, EHLO and STARTTLS, ready for transactions (RFC 5321 §3.3),
 * with what it was set up for: the address it reaches, the TLS it was required to have, and the
 * extensions the host announced. One transaction at a time; between transactions it may wait in
 * {@link IdleConnections} for the next message to the same destination.
 */
final class SmtpSession {

  private final SmtpConnection connection;
  private final EhloCapabilities capabilities;
  private final InetAddress address;
  private final TlsRequirement requirement;
  private final long openedNanos;
  private boolean inStep = true;

  SmtpSession(
      SmtpConnection connection,
      EhloCapabilities capabilities,
      InetAddress address,
      TlsRequirement requirement,
      long openedNanos) {
    this.connection = connection;
    this.capabilities = capabilities;
    this.address = address;
    this.requirement = requirement;
    this.openedNanos = openedNanos;
  }

  SmtpConnection connection() {
    return connection;
  }

  EhloCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Whether this session may carry a message to {@code address} that needs {@code required}: the
   * same address and exactly the TLS checks that attempt would make, so reuse never weakens them.
   */
  boolean serves(InetAddress wanted, TlsRequirement required) {
    return address.equals(wanted) && requirement.equals(required);
  }

  long openedNanos() {
    return openedNanos;
  }

  /** Marks the session as no longer knowing where the host is in the dialogue: never reused. */
  void outOfStep() {
    inStep = false;
  }

  /** Whether every command sent has had its reply read, so another may follow. */
  boolean inStep() {
    return inStep;
  }
}
