package dev.mailvault.server;

import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.mailauth.rspamd.RspamdClient;
import dev.mailvault.mailauth.rspamd.RspamdEndpoints;
import dev.mailvault.mailauth.rspamd.RspamdLearner;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.smtp.session.SpamFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rspamd for the node, from the {@code spam.*} settings (issue 16, ADR 0254, 0255): the MX's filter
 * and the learner the IMAP sessions and Sieve teach. {@code spam.enabled=auto} turns filtering on
 * when rspamd answers at start and off, with a warning, when it does not.
 */
final class SpamSetup {

  /** Lessons waiting to be sent at most, and their bytes: learning is best effort (ADR 0255). */
  static final int MAX_QUEUED_LESSONS = 64;

  static final long MAX_QUEUED_BYTES = 32L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SpamSetup.class);

  /**
   * What the node runs.
   *
   * @param filter the MX's filter; empty when filtering is off
   * @param learning where lessons go; {@link SpamLearning#NONE} when filtering or learning is off
   * @param learner the learner to close with the node, when there is one
   */
  record Spam(Optional<SpamFilter> filter, SpamLearning learning, Optional<AutoCloseable> learner) {
    static final Spam OFF = new Spam(Optional.empty(), SpamLearning.NONE, Optional.empty());
  }

  private SpamSetup() {}

  static Spam from(Settings settings, String hostname) throws ConfigException {
    String enabled = settings.get(Setting.SPAM_ENABLED).trim().toLowerCase(Locale.ROOT);
    boolean auto = enabled.equals("auto");
    if (!auto && !enabled(settings)) {
      return Spam.OFF;
    }
    RspamdEndpoints endpoints =
        new RspamdEndpoints(
            url(settings, Setting.SPAM_RSPAMD_URL),
            url(settings, Setting.SPAM_RSPAMD_CONTROLLER_URL),
            Optional.of(settings.get(Setting.SPAM_RSPAMD_PASSWORD)).filter(p -> !p.isBlank()),
            Duration.ofSeconds(settings.positiveLong(Setting.SPAM_TIMEOUT_SECONDS)));
    RspamdClient client = new RspamdClient(endpoints);
    if (!client.ping()) {
      if (auto) {
        LOG.warn(
            "rspamd does not answer at {}: spam filtering is off (spam.enabled=auto)",
            endpoints.scanner());
        return Spam.OFF;
      }
      LOG.warn(
          "rspamd does not answer at {}: mail is accepted unfiltered until it does",
          endpoints.scanner());
    }
    LOG.info("spam filtering through rspamd at {}", endpoints.scanner());
    SpamFilter filter = new SpamFilter(client, hostname);
    if (!settings.bool(Setting.SPAM_LEARN)) {
      return new Spam(Optional.of(filter), SpamLearning.NONE, Optional.empty());
    }
    RspamdLearner learner = new RspamdLearner(client, MAX_QUEUED_LESSONS, MAX_QUEUED_BYTES);
    return new Spam(Optional.of(filter), learner, Optional.of(learner));
  }

  private static boolean enabled(Settings settings) throws ConfigException {
    try {
      return settings.bool(Setting.SPAM_ENABLED);
    } catch (ConfigException e) {
      throw new ConfigException(
          settings.origin(Setting.SPAM_ENABLED)
              + " must be auto, true or false, not '"
              + settings.get(Setting.SPAM_ENABLED).trim()
              + "'");
    }
  }

  private static URI url(Settings settings, Setting setting) throws ConfigException {
    String raw = settings.get(setting).trim();
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Answered below, in the administrator's terms.
    }
    throw new ConfigException(
        settings.origin(setting) + " must be an http:// or https:// URL, not '" + raw + "'");
  }
}
