package dev.mailvault.server;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ReadPace;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.imap.server.ImapServer;
import dev.mailvault.imap.server.ImapServerConfig;
import dev.mailvault.imap.session.ImapLimits;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.time.Duration;

/** Starts the IMAP front-end on the node's event loops from the settings. */
public final class ImapListeners {

  private ImapListeners() {}

  public static ImapServer start(
      EventLoopGroup loops,
      Settings settings,
      SslContext tls,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog,
      SpillArea spillArea,
      LoginThrottle throttle,
      SpamLearning learning)
      throws ConfigException, InterruptedException {
    long idleMinutes = settings.positiveLong(Setting.IMAP_IDLE_LOGOUT_MINUTES);
    long appendLimit = settings.positiveLong(Setting.IMAP_APPEND_LIMIT);
    long perIp = settings.positiveLong(Setting.IMAP_CONNECTIONS_PER_IP);
    ImapLimits defaults = ImapLimits.DEFAULTS;
    ImapLimits limits =
        new ImapLimits(
            defaults.maxLineLength(),
            appendLimit,
            Duration.ofMinutes(idleMinutes),
            defaults.idleKeepAlive(),
            // RFC 2177 §3: end IDLE before the autologout timer would.
            Duration.ofMinutes(idleMinutes).minusMinutes(1).isZero()
                ? Duration.ofSeconds(50)
                : Duration.ofMinutes(idleMinutes - 1),
            (int) Math.min(perIp, Integer.MAX_VALUE),
            settings.bool(Setting.IMAP_PLAINTEXT_AUTH));
    ImapServerConfig config =
        new ImapServerConfig(
                settings.get(Setting.BIND),
                settings.port(Setting.IMAP_PORT),
                settings.port(Setting.IMAPS_PORT),
                tls,
                limits,
                LoginThrottleSettings.policy(settings),
                TrustedProxies.from(settings, Setting.IMAP_PROXY_PROTOCOL),
                deadlines(settings))
            .withSpamLearning(learning);
    try {
      return ImapServer.start(loops, config, directory, mail, securityLog, spillArea, throttle);
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static SessionDeadlines deadlines(Settings settings) throws ConfigException {
    return new SessionDeadlines(
        Duration.ofSeconds(settings.positiveLong(Setting.IMAP_LOGIN_TIMEOUT_SECONDS)),
        new ReadPace.Policy(
            settings.positiveLong(Setting.IMAP_MIN_COMMAND_RATE),
            Duration.ofSeconds(settings.positiveLong(Setting.IMAP_RATE_GRACE_SECONDS))),
        (int) Math.min(settings.positiveLong(Setting.IMAP_MAX_CONNECTIONS), Integer.MAX_VALUE));
  }
}
