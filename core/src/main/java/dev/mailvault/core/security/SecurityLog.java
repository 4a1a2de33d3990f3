package dev.mailvault.core.security;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.metrics.MailMetrics;
import dev.mailvault.core.net.ClientNetwork;
import java.net.InetAddress;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per security event (ADR 0172), under the logger {@value #LOGGER}, in a fixed form that
 * fail2ban can match (docs/fail2ban.md):
 *
 * <pre>
 * security: auth-failed proto=imap client=203.0.113.9 login=3f2a9c0d1e2b3a4c reason=bad-credentials
 * security: auth-blocked proto=imap client=203.0.113.9 login=3f2a9c0d1e2b3a4c scope=account-from-network network=203.0.113.9/32 until=2026-12-05T14:40:00Z
 * security: conn-refused proto=smtp client=203.0.113.9 reason=per-address-limit
 * </pre>
 *
 * <p>{@code client} is always the fourth word and the client's own address. The login appears only
 * as its {@link LoginHasher keyed name}: no address or password reaches the log. Values are written
 * by the server (protocol, reason, scope) or are an IP address, so a client cannot inject words or
 * lines into it.
 */
public final class SecurityLog {

  /** The logger name operators route or filter on. */
  public static final String LOGGER = "mailvault.security";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final LoginHasher hasher;
  private final MailMetrics metrics;

  public SecurityLog(LoginHasher hasher) {
    this(hasher, MailMetrics.NONE);
  }

  /**
   * A log that also counts what it records in {@code metrics} (ADR 0256): every protocol session
   * already holds this one object, so the shared runtime reaches the node's metrics through it.
   */
  public SecurityLog(LoginHasher hasher, MailMetrics metrics) {
    this.hasher = hasher;
    this.metrics = metrics;
  }

  /** Where the node counts; {@link MailMetrics#NONE} when nothing does. */
  public MailMetrics metrics() {
    return metrics;
  }

  /** A login that succeeded: counted, not logged (a success is not a security event). */
  public void authSucceeded(String protocol) {
    metrics.login(protocol, MailMetrics.LoginOutcome.OK);
  }

  /** A login that did not succeed: wrong password, unknown login, or attempted while blocked. */
  public void authFailed(String protocol, InetAddress client, String login, String reason) {
    metrics.login(
        protocol,
        "blocked".equals(reason)
            ? MailMetrics.LoginOutcome.THROTTLED
            : MailMetrics.LoginOutcome.FAILED);
    LOG.info(
        "security: auth-failed proto={} client={} login={} reason={}",
        protocol,
        client.getHostAddress(),
        hasher.name(login),
        reason);
  }

  /** A failure that started a block (never logged again while the block lasts). */
  public void authBlocked(
      String protocol, InetAddress client, String login, LoginThrottle.Failure failure) {
    LOG.warn(
        "security: auth-blocked proto={} client={} login={} scope={} network={} until={}",
        protocol,
        client.getHostAddress(),
        hasher.name(login),
        failure.blockStarted() == LoginThrottle.Scope.NETWORK ? "network" : "account-from-network",
        ClientNetwork.of(client),
        failure.blockedUntil().truncatedTo(ChronoUnit.SECONDS));
  }

  /** A connection refused or closed by a limit (421 in SMTP, BYE in IMAP). */
  public void connectionRefused(String protocol, InetAddress client, String reason) {
    LOG.info(
        "security: conn-refused proto={} client={} reason={}",
        protocol,
        client.getHostAddress(),
        reason);
  }
}
