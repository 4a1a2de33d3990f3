package dev.mailvault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.mailauth.testing.RspamdDaemon;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** ADR 0254: what the {@code spam.*} settings turn on, with and without an rspamd answering. */
class SpamSetupTest {

  /** The discard port: nothing answers HTTP there. */
  private static final String NOBODY = "http://127.0.0.1:9";

  @Test
  void autoWithoutRspamdTurnsFilteringOffWithAWarning() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(SpamSetup.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    SpamSetup.Spam spam;
    try {
      spam = SpamSetup.from(settings("auto", NOBODY, "true"), "mx.test");
    } finally {
      logger.detachAppender(log);
    }
    assertThat(spam.filter()).isEmpty();
    assertThat(spam.learning()).isSameAs(SpamLearning.NONE);
    assertThat(log.list)
        .anySatisfy(
            event -> {
              assertThat(event.getLevel().toString()).isEqualTo("WARN");
              assertThat(event.getFormattedMessage()).contains("spam filtering is off");
            });
  }

  @Test
  void autoWithRspamdAnsweringTurnsFilteringAndLearningOn(@TempDir Path dir) throws Exception {
    assumeTrue(RspamdDaemon.available(), "rspamd and redis-server are needed (.ci/run installs)");
    try (RspamdDaemon rspamd = RspamdDaemon.start(dir)) {
      SpamSetup.Spam spam =
          SpamSetup.from(settings("auto", rspamd.scanner().toString(), "true"), "mx.test");
      try {
        assertThat(spam.filter()).isPresent();
        assertThat(spam.learning()).isNotSameAs(SpamLearning.NONE);
      } finally {
        spam.learner().orElseThrow().close();
      }
    }
  }

  @Test
  void trueKeepsFilteringOnWhileRspamdIsDownSoMailIsAcceptedUnfilteredUntilItAnswers()
      throws Exception {
    SpamSetup.Spam spam = SpamSetup.from(settings("true", NOBODY, "false"), "mx.test");
    assertThat(spam.filter()).isPresent();
    assertThat(spam.learning()).as("spam.learn=false").isSameAs(SpamLearning.NONE);
    assertThat(spam.learner()).isEmpty();
  }

  @Test
  void falseTurnsEverythingOff() throws Exception {
    SpamSetup.Spam spam = SpamSetup.from(settings("false", NOBODY, "true"), "mx.test");
    assertThat(spam.filter()).isEmpty();
    assertThat(spam.learning()).isSameAs(SpamLearning.NONE);
  }

  @Test
  void badValuesAreOneReadableLineNamingTheSetting() {
    assertThatThrownBy(() -> SpamSetup.from(settings("sometimes", NOBODY, "true"), "mx.test"))
        .isInstanceOf(ConfigException.class)
        // Given as options here, so the option is named (a file key or variable would be).
        .hasMessage("--spam-enabled must be auto, true or false, not 'sometimes'");
    assertThatThrownBy(() -> SpamSetup.from(settings("true", "ftp://rspamd", "true"), "mx.test"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--spam-rspamd-url must be an http:// or https:// URL, not 'ftp://rspamd'");
  }

  private static Settings settings(String enabled, String url, String learn) throws Exception {
    Map<Setting, String> values = new HashMap<>();
    values.put(Setting.SPAM_ENABLED, enabled);
    values.put(Setting.SPAM_RSPAMD_URL, url);
    values.put(Setting.SPAM_LEARN, learn);
    values.put(Setting.SPAM_TIMEOUT_SECONDS, "5");
    return Settings.resolve(values, Map.of(), null);
  }
}
