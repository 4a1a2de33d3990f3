package dev.mailvault.pop3.session;

import java.time.Duration;

/**
 * What a POP3 session allows.
 *
 * @param allowPlaintextAuth passwords without TLS from other hosts than loopback
 * @param connectionsPerIp connections one client network may hold at once
 * @param errorBudget bad commands (unknown, malformed, wrong state, too long) a session may send
 *     before it is closed
 * @param idleLogout silence after which the connection closes (RFC 1939 §3: at least 10 minutes)
 * @param maxSaslResponse the longest SASL response line, CRLF included (RFC 5034 §4)
 */
public record Pop3Limits(
    boolean allowPlaintextAuth,
    int connectionsPerIp,
    int errorBudget,
    Duration idleLogout,
    int maxSaslResponse) {

  /** Plaintext refused, 50 per address, 10 bad commands, 10 minutes, 2 KiB SASL lines. */
  public static final Pop3Limits DEFAULTS =
      new Pop3Limits(false, 50, 10, Duration.ofMinutes(10), 2048);

  public Pop3Limits {
    if (connectionsPerIp < 1 || errorBudget < 1 || maxSaslResponse < 255) {
      throw new IllegalArgumentException("POP3 limits must allow one connection and one error");
    }
  }

  public Pop3Limits withConnectionsPerIp(int perIp) {
    return new Pop3Limits(allowPlaintextAuth, perIp, errorBudget, idleLogout, maxSaslResponse);
  }
}
