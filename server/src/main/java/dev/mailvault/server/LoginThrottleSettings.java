package dev.mailvault.server;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.time.Duration;

/** The failed-login policy from the settings, shared by every protocol that takes a password. */
final class LoginThrottleSettings {

  private LoginThrottleSettings() {}

  static LoginThrottle.Policy policy(Settings settings) throws ConfigException {
    LoginThrottle.Policy defaults = LoginThrottle.Policy.DEFAULTS;
    return new LoginThrottle.Policy(
        defaults.firstDelay(),
        defaults.maxDelay(),
        defaults.window(),
        count(settings, Setting.LOGIN_FAILURES_PER_NETWORK),
        count(settings, Setting.LOGIN_NETWORK_FAILURES),
        Duration.ofMinutes(settings.positiveLong(Setting.LOGIN_BLOCK_MINUTES)),
        count(settings, Setting.LOGIN_ACCOUNT_SLOWDOWN_AFTER),
        Duration.ofSeconds(settings.positiveLong(Setting.LOGIN_ACCOUNT_MAX_DELAY_SECONDS)),
        defaults.familiarFor());
  }

  private static int count(Settings settings, Setting setting) throws ConfigException {
    return (int) Math.min(settings.positiveLong(setting), Integer.MAX_VALUE);
  }
}
