package dev.mailvault.server;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.time.Clock;

/**
 * The node's one login throttle (ADR 0171, 0282): in memory for the single process, so a login
 * costs no database round trip; kept in the directory when this node is one front-end among several
 * (role {@code frontend}, or a shared directory at {@code directory.url}), so a guesser's failures
 * count on every front-end it tries.
 */
public final class LoginThrottles {

  private LoginThrottles() {}

  public static LoginThrottle create(Settings settings, Directory directory, Clock clock)
      throws ConfigException {
    LoginThrottle.Policy policy = LoginThrottleSettings.policy(settings);
    return shared(settings)
        ? new LoginThrottle(policy, clock, directory.loginThrottleState())
        : new LoginThrottle(policy, clock);
  }

  /** Whether other front-ends may share this node's directory. */
  static boolean shared(Settings settings) {
    return "frontend".equals(settings.get(Setting.ROLE).trim())
        || !settings.get(Setting.DIRECTORY_URL).isBlank();
  }
}
