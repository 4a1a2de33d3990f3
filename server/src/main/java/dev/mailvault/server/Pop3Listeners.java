package dev.mailvault.server;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ReadPace;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import dev.mailvault.pop3.server.Pop3Server;
import dev.mailvault.pop3.server.Pop3ServerConfig;
import dev.mailvault.pop3.session.Pop3Limits;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.time.Duration;

/**
 * Starts the POP3 front-end on the node's event loops from the settings. It opens mail through the
 * same vault store and spool as IMAP, so a POP3 login drains the spool exactly as an IMAP one does
 * and both see each other's changes; it shares the node's login throttle with IMAP.
 */
public final class Pop3Listeners {

  private Pop3Listeners() {}

  public static Pop3Server start(
      EventLoopGroup loops,
      Settings settings,
      SslContext tls,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog,
      LoginThrottle throttle)
      throws ConfigException, InterruptedException {
    Pop3Limits defaults = Pop3Limits.DEFAULTS;
    Pop3Limits limits =
        new Pop3Limits(
            settings.bool(Setting.POP3_PLAINTEXT_AUTH),
            (int)
                Math.min(settings.positiveLong(Setting.POP3_CONNECTIONS_PER_IP), Integer.MAX_VALUE),
            defaults.errorBudget(),
            defaults.idleLogout(),
            defaults.maxSaslResponse());
    SessionDeadlines deadlines =
        new SessionDeadlines(
            Duration.ofSeconds(settings.positiveLong(Setting.POP3_LOGIN_TIMEOUT_SECONDS)),
            new ReadPace.Policy(
                settings.positiveLong(Setting.POP3_MIN_COMMAND_RATE),
                Duration.ofSeconds(settings.positiveLong(Setting.POP3_RATE_GRACE_SECONDS))),
            (int) Math.min(settings.positiveLong(Setting.POP3_MAX_CONNECTIONS), Integer.MAX_VALUE));
    Pop3ServerConfig config =
        new Pop3ServerConfig(
            settings.get(Setting.BIND),
            settings.port(Setting.POP3_PORT),
            settings.port(Setting.POP3S_PORT),
            tls,
            limits,
            LoginThrottleSettings.policy(settings),
            TrustedProxies.from(settings, Setting.POP3_PROXY_PROTOCOL),
            deadlines,
            LoginPoolSize.forThisMachine());
    try {
      return Pop3Server.start(loops, config, directory, mail, securityLog, throttle);
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
