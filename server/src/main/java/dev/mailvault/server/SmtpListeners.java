package dev.mailvault.server;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.smtp.codec.ReaderLimits;
import dev.mailvault.smtp.server.SmtpServer;
import dev.mailvault.smtp.server.SmtpServerConfig;
import dev.mailvault.smtp.session.SmtpLimits;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Starts the SMTP MX on the node's event loops from the settings. */
public final class SmtpListeners {

  private SmtpListeners() {}

  public static SmtpServer start(
      EventLoopGroup loops,
      Settings settings,
      SslContext tls,
      Directory directory,
      MailDelivery delivery)
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
                intSetting(settings, Setting.SMTP_CONNECTIONS_PER_IP));
    SmtpServerConfig config =
        new SmtpServerConfig(
            settings.get(Setting.BIND),
            settings.port(Setting.SMTP_PORT),
            hostname(settings),
            tls,
            limits);
    try {
      return SmtpServer.start(loops, config, directory, delivery);
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

  private static int intSetting(Settings settings, Setting setting) throws ConfigException {
    return (int) Math.min(settings.positiveLong(setting), Integer.MAX_VALUE);
  }

  private static String hostname(Settings settings) {
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
