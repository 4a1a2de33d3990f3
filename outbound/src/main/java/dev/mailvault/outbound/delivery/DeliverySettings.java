package dev.mailvault.outbound.delivery;

import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link SmtpTransmitter} reaches other servers.
 *
 * @param heloName the name this server gives in EHLO (RFC 5321 §4.1.1.1: its own host name)
 * @param smtpPort the port of every MX ({@code outbound.smtp-port}: 25, other values for tests)
 * @param httpsPort the port of MTA-STS policy hosts (443, other values for tests)
 * @param connectionsPerDomain at most this many connections to one destination domain at once
 * @param slotWait how long an attempt waits for a free connection to its domain before it is
 *     deferred
 * @param timeouts RFC 5321 §4.5.3.2
 * @param connectionIdle how long a connection stays open after a message for the next one to the
 *     same domain (ADR 0231); zero closes each after its message
 * @param trustStore the CAs for MTA-STS and REQUIRETLS checks; empty for the JDK's own
 */
public record DeliverySettings(
    String heloName,
    int smtpPort,
    int httpsPort,
    int connectionsPerDomain,
    Duration slotWait,
    SmtpTimeouts timeouts,
    Duration connectionIdle,
    Optional<KeyStore> trustStore) {

  public DeliverySettings {
    Objects.requireNonNull(heloName, "heloName");
    Objects.requireNonNull(slotWait, "slotWait");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(connectionIdle, "connectionIdle");
    Objects.requireNonNull(trustStore, "trustStore");
    if (connectionIdle.isNegative()) {
      throw new IllegalArgumentException("connectionIdle must not be negative");
    }
    if (connectionsPerDomain < 1) {
      throw new IllegalArgumentException("connectionsPerDomain must be at least 1");
    }
  }

  /**
   * Port 25, HTTPS on 443, 10 connections per domain, RFC 5321 timeouts, connections kept 2 s for
   * the next message (Postfix's {@code smtp_connection_cache_time_limit}), the JDK's CAs.
   */
  public static DeliverySettings defaults(String heloName) {
    return new DeliverySettings(
        heloName,
        25,
        443,
        10,
        Duration.ofMinutes(1),
        SmtpTimeouts.rfc5321(),
        Duration.ofSeconds(2),
        Optional.empty());
  }
}
