package dev.mailvault.server.metrics;

import dev.mailvault.core.metrics.MailMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * {@link MailMetrics} as Micrometer meters (ADR 0256). Every label value is from a closed set: a
 * protocol not in {@link #PROTOCOLS} becomes {@code other}, a verb that is not a short word of
 * letters becomes {@code unknown}, so a caller's mistake cannot put an address into a label.
 *
 * <p>Threads: called from event loops and workers at once; counters are lock-free, and meters are
 * found by a map lookup, never created under a lock a caller holds.
 */
public final class MicrometerMailMetrics implements MailMetrics {

  /** The protocols whose listeners and logins are counted. */
  public static final List<String> PROTOCOLS =
      List.of("imap", "pop3", "smtp", "submission", "managesieve");

  /** The protocols with logins: the MX has none. */
  private static final Set<String> LOGIN_PROTOCOLS =
      Set.of("imap", "pop3", "submission", "managesieve");

  /** A command table's verb: letters, digits and a dash or underscore, as IMAP's UID FETCH. */
  private static final Pattern VERB = Pattern.compile("[A-Z][A-Z0-9_ -]{0,23}");

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

  public MicrometerMailMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Registered at zero, so a scrape shows every series from the start (rate() needs two points).
    for (String protocol : PROTOCOLS) {
      open(protocol);
      connections(protocol);
      if (LOGIN_PROTOCOLS.contains(protocol)) {
        for (LoginOutcome outcome : LoginOutcome.values()) {
          logins(protocol, outcome);
        }
      }
    }
    for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
      deliveries(outcome);
    }
    vaultOpens();
  }

  @Override
  public void connectionOpened(String protocol) {
    String p = protocol(protocol);
    connections(p).increment();
    open(p).incrementAndGet();
  }

  @Override
  public void connectionClosed(String protocol) {
    open(protocol(protocol)).decrementAndGet();
  }

  @Override
  public void command(String protocol, String verb) {
    Counter.builder("mailvault.commands")
        .description("Commands dispatched, by protocol and verb")
        .tag("protocol", protocol(protocol))
        .tag("verb", verb(verb))
        .register(registry)
        .increment();
  }

  @Override
  public void login(String protocol, LoginOutcome outcome) {
    logins(protocol(protocol), outcome).increment();
  }

  @Override
  public void delivery(DeliveryOutcome outcome) {
    deliveries(outcome).increment();
  }

  @Override
  public void vaultOpened() {
    vaultOpens().increment();
  }

  /** The protocol's name when it is one of ours, otherwise {@code other}. */
  static String protocol(String protocol) {
    return PROTOCOLS.contains(protocol) ? protocol : "other";
  }

  /** The verb in upper case when it looks like a command table's, otherwise {@code unknown}. */
  static String verb(String verb) {
    if (verb == null) {
      return "unknown";
    }
    String upper = verb.toUpperCase(Locale.ROOT);
    return VERB.matcher(upper).matches() ? upper : "unknown";
  }

  /** The count of open connections, registered as a gauge the first time it is asked. */
  private AtomicInteger open(String protocol) {
    return open.computeIfAbsent(
        protocol,
        p -> {
          AtomicInteger count = new AtomicInteger();
          Gauge.builder("mailvault.connections.open", count, AtomicInteger::get)
              .description("Connections open now, by protocol")
              .tag("protocol", p)
              .register(registry);
          return count;
        });
  }

  private Counter connections(String protocol) {
    return Counter.builder("mailvault.connections")
        .description("Connections accepted, by protocol, those refused by a limit included")
        .tag("protocol", protocol)
        .register(registry);
  }

  private Counter logins(String protocol, LoginOutcome outcome) {
    return Counter.builder("mailvault.logins")
        .description("Login attempts, by protocol and outcome (ok, failed, throttled)")
        .tag("protocol", protocol)
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  private Counter deliveries(DeliveryOutcome outcome) {
    return Counter.builder("mailvault.deliveries")
        .description(
            "Recipients' copies of arriving mail: live (into an open vault), spool, refused")
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  private Counter vaultOpens() {
    return Counter.builder("mailvault.vault.opens")
        .description("Vault files opened (a first handle; later ones share the open file)")
        .register(registry);
  }
}
