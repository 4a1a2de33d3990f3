package dev.mailvault.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.metrics.MailMetrics.DeliveryOutcome;
import dev.mailvault.core.metrics.MailMetrics.LoginOutcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The Micrometer side of {@code MailMetrics} (ADR 0256): what each event counts, and labels. */
class MicrometerMailMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerMailMetrics metrics = new MicrometerMailMetrics(registry);

  @Test
  void everySeriesStartsAtZero() {
    assertThat(
            registry
                .get("mailvault.logins")
                .tags("protocol", "imap", "outcome", "throttled")
                .counter()
                .count())
        .isZero();
    assertThat(registry.get("mailvault.deliveries").tags("outcome", "refused").counter().count())
        .isZero();
    assertThat(registry.get("mailvault.connections.open").tags("protocol", "smtp").gauge().value())
        .isZero();
    // The MX has no logins: no series that would always be zero.
    assertThat(registry.find("mailvault.logins").tags("protocol", "smtp").counters()).isEmpty();
  }

  @Test
  void connectionsAreCountedAndOpenOnesGauged() {
    metrics.connectionOpened("imap");
    metrics.connectionOpened("imap");
    metrics.connectionClosed("imap");

    assertThat(registry.get("mailvault.connections").tags("protocol", "imap").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("mailvault.connections.open").tags("protocol", "imap").gauge().value())
        .isEqualTo(1.0);
  }

  @Test
  void loginsDeliveriesCommandsAndOpensAreCounted() {
    metrics.login("pop3", LoginOutcome.OK);
    metrics.login("pop3", LoginOutcome.THROTTLED);
    metrics.login("pop3", LoginOutcome.THROTTLED);
    metrics.delivery(DeliveryOutcome.LIVE);
    metrics.command("smtp", "rcpt");
    metrics.vaultOpened();

    assertThat(
            registry
                .get("mailvault.logins")
                .tags("protocol", "pop3", "outcome", "ok")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("mailvault.logins")
                .tags("protocol", "pop3", "outcome", "throttled")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(registry.get("mailvault.deliveries").tags("outcome", "live").counter().count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("mailvault.commands")
                .tags("protocol", "smtp", "verb", "RCPT")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("mailvault.vault.opens").counter().count()).isEqualTo(1.0);
  }

  @Test
  void labelValuesComeFromClosedSetsWhateverTheCallerPasses() {
    metrics.connectionOpened("hello@example.com");
    metrics.login("203.0.113.9", LoginOutcome.FAILED);
    metrics.command("imap", "hello@example.com");
    metrics.command("imap", null);
    metrics.command("imap", "X".repeat(100));

    assertThat(registry.get("mailvault.connections").tags("protocol", "other").counter().count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("mailvault.logins")
                .tags("protocol", "other", "outcome", "failed")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("mailvault.commands")
                .tags("protocol", "imap", "verb", "unknown")
                .counter()
                .count())
        .isEqualTo(3.0);
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).doesNotContain("@", "203.0.113", "XXXXXXXXXXXXXXXXXXXXXXXXX");
      }
    }
  }
}
