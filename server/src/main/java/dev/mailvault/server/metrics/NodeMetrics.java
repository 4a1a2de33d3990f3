package dev.mailvault.server.metrics;

import dev.mailvault.core.metrics.MailMetrics;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.server.backup.BackupOutcomes;
import dev.mailvault.server.http.MetricsSource;
import dev.mailvault.smtp.session.SpamFilter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The node's meters and their Prometheus text (ADR 0256): the mail side's counters ({@link
 * #mail()}), the outbound queue's depth and age, backups, the spam filter's tallies, and the JVM's
 * memory, GC, threads, class loading, CPU and uptime. One per node, built in {@code MailvaultNode}.
 *
 * <p>A scrape runs on an HTTP event loop: every meter here reads memory only (counters, the queue's
 * in-memory items, the JVM's management beans), never a file or the directory.
 */
public final class NodeMetrics implements MetricsSource, AutoCloseable {

  /** The Prometheus text exposition format, version 0.0.4. */
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerMailMetrics mail = new MicrometerMailMetrics(registry);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public NodeMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** What the protocols, the delivery and the vault store count into. */
  public MailMetrics mail() {
    return mail;
  }

  /** The queue's depth, and how long its oldest item has waited (0 when empty). */
  public void watchQueue(OutboundQueue queue, Clock clock) {
    Gauge.builder("mailvault.queue.depth", queue, OutboundQueue::size)
        .description("Messages in the outbound queue")
        .register(registry);
    Gauge.builder("mailvault.queue.oldest.age", queue, q -> oldestAge(q, clock))
        .description("Seconds the oldest message in the outbound queue has waited, 0 when empty")
        .baseUnit("seconds")
        .register(registry);
  }

  private static double oldestAge(OutboundQueue queue, Clock clock) {
    return queue
        .oldestAccepted()
        .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0))
        .orElse(0.0);
  }

  /** The MX's spam filter tallies (ADR 0254), read where the filter keeps them. */
  public void watchSpamFilter(SpamFilter filter) {
    spamCounter(filter, "checked", SpamFilter::checked);
    spamCounter(filter, "refused", SpamFilter::refused);
    spamCounter(filter, "deferred", SpamFilter::deferred);
    spamCounter(filter, "junked", SpamFilter::junked);
    spamCounter(filter, "failed_open", SpamFilter::failedOpen);
  }

  private void spamCounter(SpamFilter filter, String outcome, ToDoubleFunction<SpamFilter> count) {
    FunctionCounter.builder("mailvault.spam.messages", filter, count)
        .description("Messages the MX asked rspamd about, by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Counts each backup's outcome with its duration. */
  public BackupOutcomes backups() {
    for (String outcome :
        new String[] {"uploaded", "unchanged", "rejected", BackupOutcomes.FAILED}) {
      backupTimer(outcome);
    }
    return (outcome, took) -> backupTimer(outcome).record(took);
  }

  private Timer backupTimer(String outcome) {
    return Timer.builder("mailvault.backups")
        .description("Vault backups, by outcome, with how long each took")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
