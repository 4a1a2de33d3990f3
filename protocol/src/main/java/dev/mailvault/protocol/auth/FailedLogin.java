package dev.mailvault.protocol.auth;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.core.security.SecurityLog;
import java.net.InetAddress;
import java.time.Duration;

/**
 * What every protocol does with a failed login (ADR 0171, 0172): the throttle counts it for the
 * account and the client's network, the security log gets its line (and a second one when it starts
 * a block), and the answer waits for the delay returned here, the same for every kind of failure.
 */
public final class FailedLogin {

  private FailedLogin() {}

  /**
   * Records the failure.
   *
   * @param reason the security log's word for it ({@code bad-credentials}, {@code
   *     authzid-mismatch}, ...)
   * @return how long to wait before answering it
   */
  public static Duration record(
      LoginThrottle throttle,
      SecurityLog securityLog,
      String protocol,
      InetAddress client,
      String login,
      String reason) {
    LoginThrottle.Failure failure = throttle.failed(login, ClientNetwork.of(client));
    securityLog.authFailed(protocol, client, login, reason);
    if (failure.blockStarted() != null) {
      securityLog.authBlocked(protocol, client, login, failure);
    }
    return failure.delay();
  }
}
