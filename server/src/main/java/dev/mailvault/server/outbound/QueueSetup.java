package dev.mailvault.server.outbound;

import dev.mailvault.outbound.queue.QueueSettings;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.time.Duration;

/** The queue's settings from the node's (ADR 0202). */
public final class QueueSetup {

  private QueueSetup() {}

  public static QueueSettings settings(Settings settings, String hostname) throws ConfigException {
    try {
      return new QueueSettings(
          Duration.ofSeconds(settings.positiveLong(Setting.OUTBOUND_FIRST_RETRY_SECONDS)),
          Duration.ofSeconds(settings.positiveLong(Setting.OUTBOUND_MAX_RETRY_SECONDS)),
          Duration.ofHours(settings.positiveLong(Setting.OUTBOUND_GIVE_UP_HOURS)),
          Duration.ofHours(settings.positiveLong(Setting.OUTBOUND_DELAY_WARNING_HOURS)),
          intSetting(settings, Setting.OUTBOUND_THREADS),
          intSetting(settings, Setting.OUTBOUND_CONNECTIONS_PER_DOMAIN),
          hostname);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          settings.origin(Setting.OUTBOUND_MAX_RETRY_SECONDS)
              + " must be at least "
              + Setting.OUTBOUND_FIRST_RETRY_SECONDS.key());
    }
  }

  private static int intSetting(Settings settings, Setting setting) throws ConfigException {
    return (int) Math.min(settings.positiveLong(setting), 1024);
  }
}
