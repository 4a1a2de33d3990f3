package dev.mailvault.server;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.smtp.codec.ReaderLimits;
import dev.mailvault.smtp.server.SmtpDeadlines;
import dev.mailvault.smtp.server.SubmissionServer;
import dev.mailvault.smtp.server.SubmissionServerConfig;
import dev.mailvault.smtp.session.SmtpLimits;
import dev.mailvault.smtp.session.SubmissionLimits;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;

/**
 * Starts submission (RFC 6409) on the node's event loops from the settings: the STARTTLS and the
 * implicit-TLS port, the node's login throttle shared with IMAP and POP3, the MX's host name and
 * time limits, and the outbox that takes every accepted message (ADR 0200, 0203).
 */
public final class SubmissionListeners {

  private SubmissionListeners() {}

  public static SubmissionServer start(
      EventLoopGroup loops,
      Settings settings,
      SslContext tls,
      Directory directory,
      Outbox outbox,
      SecurityLog securityLog,
      LoginThrottle throttle,
      SpillArea spillArea)
      throws ConfigException, InterruptedException {
    SmtpLimits limits =
        SmtpLimits.DEFAULTS
            .withReader(
                ReaderLimits.DEFAULTS.withMaxMessageSize(
                    settings.positiveLong(Setting.SUBMISSION_MAX_MESSAGE_SIZE)))
            .withRecipientsAndConnections(
                intSetting(settings, Setting.SUBMISSION_MAX_RECIPIENTS),
                SmtpLimits.DEFAULTS.connectionsPerIp());
    SubmissionServerConfig config =
        new SubmissionServerConfig(
            settings.get(Setting.BIND),
            settings.port(Setting.SUBMISSION_PORT),
            settings.port(Setting.SUBMISSIONS_PORT),
            SmtpListeners.hostname(settings),
            tls,
            limits,
            new SubmissionLimits(
                intSetting(settings, Setting.SUBMISSION_MESSAGES_PER_HOUR),
                settings.bool(Setting.SUBMISSION_RECEIVED_HEADER),
                // Cluster-wide, as the login throttle (ADR 0282).
                LoginThrottles.shared(settings)),
            Set.of(),
            SmtpDeadlines.DEFAULTS,
            LoginPoolSize.forThisMachine());
    try {
      return SubmissionServer.start(
          loops, config, directory, outbox, securityLog, throttle, spillArea, Clock.systemUTC());
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static int intSetting(Settings settings, Setting setting) throws ConfigException {
    return (int) Math.min(settings.positiveLong(setting), Integer.MAX_VALUE);
  }
}
