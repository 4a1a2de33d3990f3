package dev.mailvault.server;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.net.ReadPace;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.smtp.codec.ReaderLimits;
import dev.mailvault.smtp.server.SmtpDeadlines;
import dev.mailvault.smtp.server.SmtpServer;
import dev.mailvault.smtp.server.SmtpServerConfig;
import dev.mailvault.smtp.session.InboundAuthentication;
import dev.mailvault.smtp.session.MxForwarding;
import dev.mailvault.smtp.session.SmtpLimits;
import dev.mailvault.smtp.session.SpamFilter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Starts the SMTP MX on the node's event loops from the settings. */
public final class SmtpListeners {

  private SmtpListeners() {}

  /**
   * The MX: aliases that forward go through {@code forwarding} (ADR 0240); {@code spam} checks each
   * message (ADR 0254) and {@code learning} learns a Sieve rule's filing into Junk (ADR 0255).
   */
  public static SmtpServer start(
      EventLoopGroup loops,
      Settings settings,
      SslContext tls,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      SpillArea spillArea,
      InboundAuthentication authentication,
      Optional<MxForwarding> forwarding,
      Optional<SpamFilter> spam,
      SpamLearning learning)
      throws ConfigException, InterruptedException {
    ReaderLimits reader =
        ReaderLimits.DEFAULTS
            .withMaxMessageSize(settings.positiveLong(Setting.SMTP_MAX_MESSAGE_SIZE))
            .withLineEnds(lineEnds(settings));
    SmtpLimits limits =
        SmtpLimits.DEFAULTS
            .withReader(reader)
            .withRecipientsAndConnections(
                intSetting(settings, Setting.SMTP_MAX_RECIPIENTS),
                intSetting(settings, Setting.SMTP_CONNECTIONS_PER_IP))
            .withTimeouts(
                Duration.ofSeconds(settings.positiveLong(Setting.SMTP_COMMAND_TIMEOUT_SECONDS)),
                SmtpLimits.DEFAULTS.dataTimeout());
    SmtpDeadlines deadlines =
        new SmtpDeadlines(
            new ReadPace.Policy(
                settings.positiveLong(Setting.SMTP_MIN_DATA_RATE),
                Duration.ofSeconds(settings.positiveLong(Setting.SMTP_RATE_GRACE_SECONDS))),
            intSetting(settings, Setting.SMTP_MAX_CONNECTIONS));
    SmtpServerConfig config =
        new SmtpServerConfig(
            settings.get(Setting.BIND),
            settings.port(Setting.SMTP_PORT),
            hostname(settings),
            tls,
            limits,
            TrustedProxies.from(settings, Setting.SMTP_PROXY_PROTOCOL),
            deadlines,
            postmaster(settings));
    try {
      return SmtpServer.start(
          loops,
          config,
          directory,
          delivery,
          securityLog,
          spillArea,
          Optional.of(authentication),
          forwarding,
          spam,
          learning);
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static ReaderLimits.LineEndPolicy lineEnds(Settings settings) throws ConfigException {
    String raw = settings.get(Setting.SMTP_BARE_LINE_ENDS).trim().toLowerCase(Locale.ROOT);
    return switch (raw) {
      case "reject" -> ReaderLimits.LineEndPolicy.REJECT;
      case "normalise", "normalize" -> ReaderLimits.LineEndPolicy.NORMALISE;
      default ->
          throw new ConfigException(
              settings.origin(Setting.SMTP_BARE_LINE_ENDS)
                  + " must be reject or normalise, not '"
                  + raw
                  + "'");
    };
  }

  static Optional<EmailAddress> postmaster(Settings settings) throws ConfigException {
    String raw = settings.get(Setting.SMTP_POSTMASTER);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(EmailAddress.parse(raw.trim()));
    } catch (InvalidAddressException e) {
      throw new ConfigException(
          Setting.SMTP_POSTMASTER.env() + " must be an alias's address, not '" + raw + "'");
    }
  }

  private static int intSetting(Settings settings, Setting setting) throws ConfigException {
    return (int) Math.min(settings.positiveLong(setting), Integer.MAX_VALUE);
  }

  /** The name this node gives itself: {@code smtp.hostname}, else the machine's name. */
  public static String hostname(Settings settings) {
    String configured = settings.get(Setting.SMTP_HOSTNAME);
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
