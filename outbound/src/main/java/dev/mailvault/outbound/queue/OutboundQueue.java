package dev.mailvault.outbound.queue;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.LocalMailboxes;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, sealed outbound queue (ADR 0201, ADR 0202). {@link #submit} returns only once the
 * message is sealed on disk; the {@link DeliveryScheduler} then runs each due (item, destination
 * domain), and the queue records every recipient's outcome on disk after each attempt. Reports owed
 * to the sender (bounces, delay warnings, success reports) are part of the item's recorded state
 * and are delivered like recipients, with a null reverse-path.
 *
 * <p>Concurrency: the item map and the busy sets are concurrent; an item's state is read and
 * replaced under the item's monitor, and its state file is written under it too, so the file never
 * goes back to an older state. Transmitters run outside every lock. At most one attempt per (item,
 * domain) and per (item, report) runs at a time.
 */
public final class OutboundQueue implements Outbox, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

  private final QueueFiles files;
  private final SecretBytes key;
  private final DomainRouter router;
  private final QueueSettings settings;
  private final Clock clock;
  private final AttemptOutcomes outcomes;
  private final ReportBuilder reports;
  private final Map<String, QueuedItem> items = new ConcurrentHashMap<>();

  /** Prepared, not yet committed (ADR 0240): durable, but invisible to the scheduler. */
  private final Map<String, OutboundMessage> held = new ConcurrentHashMap<>();

  private final DeliveryScheduler scheduler;
  private volatile boolean closed;

  private OutboundQueue(
      Path directory, SecretBytes key, DomainRouter router, QueueSettings settings, Clock clock) {
    this.key = key;
    this.files = new QueueFiles(directory, key);
    this.router = router;
    this.settings = settings;
    this.clock = clock;
    this.outcomes = new AttemptOutcomes(settings);
    this.reports = new ReportBuilder(settings);
    this.scheduler =
        new DeliveryScheduler(
            settings,
            clock,
            items::values,
            new DeliveryScheduler.Attempts() {
              @Override
              public void attemptDomain(QueuedItem item, String domain) {
                OutboundQueue.this.attemptDomain(item, domain);
              }

              @Override
              public void attemptReport(QueuedItem item, int number) {
                OutboundQueue.this.attemptReport(item, number);
              }
            });
  }

  /**
   * Opens the queue in {@code directory}, loads every item on disk and starts delivering: what a
   * crash left is resumed where its recorded state says.
   *
   * @param key the queue key; the queue owns it from now on and destroys it on {@link #close()}
   * @param mailboxes this server's aliases: their domains are delivered locally
   * @param remote delivery over the network, for every other domain
   */
  public static OutboundQueue open(
      Path directory,
      SecretBytes key,
      LocalMailboxes mailboxes,
      Transmitter remote,
      QueueSettings settings,
      Clock clock)
      throws IOException {
    return open(directory, key, mailboxes, remote, UnwiredWebhooks.INSTANCE, settings, clock);
  }

  /**
   * {@link #open(Path, SecretBytes, LocalMailboxes, Transmitter, QueueSettings, Clock)} with {@code
   * webhooks} posting to the recipients of {@link
   * dev.mailvault.core.outbound.WebhookRecipients#DOMAIN} (ADR 0240).
   */
  public static OutboundQueue open(
      Path directory,
      SecretBytes key,
      LocalMailboxes mailboxes,
      Transmitter remote,
      Transmitter webhooks,
      QueueSettings settings,
      Clock clock)
      throws IOException {
    DomainRouter router =
        new DomainRouter(mailboxes, new LocalTransmitter(mailboxes, clock), remote, webhooks);
    OutboundQueue queue = new OutboundQueue(directory, key, router, settings, clock);
    try {
      queue.load();
    } catch (IOException | RuntimeException e) {
      queue.close();
      throw e;
    }
    queue.scheduler.start();
    return queue;
  }

  private void load() throws IOException {
    files.prepare();
    int abandoned = files.deleteHeld();
    if (abandoned > 0) {
      // ADR 0240: held at a crash, so no 250 was sent; the client sends the message again.
      LOG.info("outbound queue: {} held items of unfinished transactions deleted", abandoned);
    }
    files.deleteOrphanStates();
    Instant now = clock.instant();
    for (String id : files.ids()) {
      Optional<QueueReader.Loaded> loaded = QueueReader.load(files, id, now);
      loaded.ifPresent(l -> items.put(id, new QueuedItem(id, l.message(), l.state())));
    }
    if (!items.isEmpty()) {
      LOG.info("outbound queue: {} items resumed", items.size());
    }
  }

  @Override
  public String submit(OutboundMessage message) throws MailvaultException {
    if (closed) {
      throw new MailvaultException("the outbound queue is closed");
    }
    String id = QueueFiles.newId();
    try {
      files.writeItem(id, ItemCodec.encodeMessage(message));
    } catch (IOException | RuntimeException e) {
      LOG.error("outbound queue: cannot store a message: {}", e.toString());
      throw new MailvaultException("cannot queue the message now", e);
    }
    items.put(id, new QueuedItem(id, message, QueuedItem.fresh(message, clock.instant())));
    wake();
    return id;
  }

  @Override
  public String prepare(OutboundMessage message) throws MailvaultException {
    if (closed) {
      throw new MailvaultException("the outbound queue is closed");
    }
    String id = QueueFiles.newId();
    try {
      // The marker first: a crash between the two leaves a held item, deleted at the next start.
      files.markHeld(id);
      files.writeItem(id, ItemCodec.encodeMessage(message));
    } catch (IOException | RuntimeException e) {
      LOG.error("outbound queue: cannot store a message: {}", e.toString());
      deleteQuietly(id);
      throw new MailvaultException("cannot queue the message now", e);
    }
    held.put(id, message);
    return id;
  }

  @Override
  public void commit(String id) throws MailvaultException {
    OutboundMessage message = held.get(id);
    if (message == null) {
      throw new MailvaultException("no held queue item " + id);
    }
    try {
      files.release(id);
    } catch (IOException | RuntimeException e) {
      LOG.error("outbound queue {}: cannot release a held item: {}", id, e.toString());
      throw new MailvaultException("cannot queue the message now", e);
    }
    held.remove(id);
    items.put(id, new QueuedItem(id, message, QueuedItem.fresh(message, clock.instant())));
    wake();
  }

  @Override
  public void abandon(String id) {
    if (held.remove(id) != null) {
      deleteQuietly(id);
    }
  }

  private void deleteQuietly(String id) {
    try {
      files.delete(id);
    } catch (IOException | RuntimeException e) {
      // Still marked held: the next start deletes it.
      LOG.warn("outbound queue {}: a held item stays until the next start: {}", id, e.toString());
    }
  }

  /** Every item, oldest first. */
  public List<QueueEntry> list() {
    List<QueueEntry> entries = new ArrayList<>();
    for (QueuedItem item : items.values()) {
      entries.add(QueueEntry.of(item.id, item.message, item.state()));
    }
    entries.sort(Comparator.comparing(QueueEntry::accepted).thenComparing(QueueEntry::id));
    return entries;
  }

  public Optional<QueueEntry> show(String id) {
    QueuedItem item = items.get(id);
    return item == null
        ? Optional.empty()
        : Optional.of(QueueEntry.of(item.id, item.message, item.state()));
  }

  /**
   * Makes every pending recipient and report of the item due now.
   *
   * @return whether the queue holds the item
   */
  public boolean retryNow(String id) {
    QueuedItem item = items.get(id);
    if (item == null) {
      return false;
    }
    synchronized (item) {
      Instant now = clock.instant();
      ItemState state = item.state();
      item.state(QueueReader.dueNow(state, now));
      persist(item);
    }
    wake();
    return true;
  }

  /**
   * Takes an item out of the queue for good, without a report to its sender (like Postfix's {@code
   * postsuper -d}); an attempt running now finishes, and its outcome is not recorded.
   *
   * @return whether the queue held it
   */
  public boolean remove(String id) throws MailvaultException {
    QueuedItem item = items.remove(id);
    if (item == null) {
      return false;
    }
    synchronized (item) {
      item.markRemoved();
      try {
        files.delete(id);
      } catch (IOException e) {
        throw new MailvaultException("cannot remove queue item " + id + ": " + e.getMessage(), e);
      }
    }
    return true;
  }

  /** Looks for due work now (after {@link #retryNow}, or when a test moved its clock). */
  public void wake() {
    scheduler.wake();
  }

  /** How many items the queue holds. */
  public int size() {
    return items.size();
  }

  /**
   * When the oldest item still held was accepted, or empty when the queue is empty: read from
   * memory only, so a metrics scrape may ask it on an event loop.
   */
  public Optional<Instant> oldestAccepted() {
    Instant oldest = null;
    for (QueuedItem item : items.values()) {
      Instant accepted = item.message.accepted();
      if (oldest == null || accepted.isBefore(oldest)) {
        oldest = accepted;
      }
    }
    return Optional.ofNullable(oldest);
  }

  private void attemptDomain(QueuedItem item, String domain) {
    Instant now = clock.instant();
    List<Integer> tried = new ArrayList<>();
    List<OutboundRecipient> recipients = new ArrayList<>();
    synchronized (item) {
      if (item.removed()) {
        return;
      }
      for (RecipientState r : item.state().recipients()) {
        if (r.pending()
            && !r.nextAttempt().isAfter(now)
            && item.domainOf(r.index()).equals(domain)) {
          tried.add(r.index());
          recipients.add(item.message.recipients().get(r.index()));
        }
      }
    }
    if (tried.isEmpty()) {
      return;
    }
    OutboundMessage m = item.message;
    boolean local = router.isLocal(domain);
    List<RecipientResult> results =
        transmit(
            new DeliveryAttempt(
                item.id,
                m.mailFrom(),
                domain,
                recipients,
                m.raw(),
                m.envelopeId(),
                m.ret(),
                m.requireTls(),
                m.smtpUtf8(),
                m.eightBit()));
    synchronized (item) {
      if (item.removed()) {
        return;
      }
      ItemState before = item.state();
      ItemState after = outcomes.apply(m, before, tried, results, clock.instant(), local);
      if (m.mailFrom().isEmpty() && failedMore(before, after)) {
        // RFC 3461 §6.2 / RFC 5321 §6.1: never a report about a message with a null sender.
        LOG.info("outbound queue {}: a message with a null sender failed; no report", item.id);
      }
      item.state(after);
      persist(item);
    }
  }

  private static boolean failedMore(ItemState before, ItemState after) {
    return after.recipients().stream()
            .filter(r -> r.progress() == RecipientState.Progress.FAILED)
            .count()
        > before.recipients().stream()
            .filter(r -> r.progress() == RecipientState.Progress.FAILED)
            .count();
  }

  private void attemptReport(QueuedItem item, int number) {
    Report report;
    synchronized (item) {
      if (item.removed()) {
        return;
      }
      report = item.state().reports().get(number - 1);
      if (!report.pending()) {
        return;
      }
    }
    OutboundMessage m = item.message;
    String domain = QueuedItem.domain(m.mailFrom());
    byte[] dsn = reports.build(item.id, m, report);
    // RFC 3461 §6.2: a DSN goes with a null reverse-path and asks for no DSN itself.
    OutboundRecipient sender =
        new OutboundRecipient(m.mailFrom(), Set.of(DsnNotify.NEVER), Optional.empty());
    List<RecipientResult> results =
        transmit(
            new DeliveryAttempt(
                item.id,
                "",
                domain,
                List.of(sender),
                dsn,
                Optional.empty(),
                DsnReturn.DEFAULT,
                false,
                m.smtpUtf8(),
                true));
    RecipientResult result =
        results.isEmpty()
            ? new RecipientResult(
                m.mailFrom(),
                RecipientResult.Outcome.TEMPORARY,
                "4.4.0",
                "smtp; 451 4.4.0 no result",
                Optional.empty())
            : results.get(0);
    synchronized (item) {
      if (item.removed()) {
        return;
      }
      ItemState before = item.state();
      Report after =
          outcomes.applyToReport(before.reports().get(number - 1), result, clock.instant());
      if (after.progress() == RecipientState.Progress.FAILED) {
        LOG.warn(
            "outbound queue {}: report {} to the sender given up: {}",
            item.id,
            number,
            result.status());
      }
      List<Report> all = new ArrayList<>(before.reports());
      all.set(number - 1, after);
      item.state(new ItemState(before.recipients(), all));
      persist(item);
    }
  }

  private List<RecipientResult> transmit(DeliveryAttempt attempt) {
    try {
      return router.transmit(attempt);
    } catch (RuntimeException e) {
      // A transmitter's bug must not lose the message: every recipient is retried.
      // The class only: a transmitter's message might carry an address (no addresses in logs).
      LOG.error(
          "outbound queue {}: transmitter failed: {}",
          attempt.queueId(),
          e.getClass().getSimpleName());
      return attempt.recipients().stream()
          .map(
              r ->
                  new RecipientResult(
                      r.address(),
                      RecipientResult.Outcome.TEMPORARY,
                      "4.3.0",
                      "smtp; 451 4.3.0 internal error",
                      Optional.empty()))
          .toList();
    }
  }

  /**
   * Records the item's state on disk, or deletes the item once nothing is left to do (its deletion
   * is then the record). Called under the item's monitor.
   */
  private void persist(QueuedItem item) {
    ItemState state = item.state();
    try {
      if (state.finished()) {
        files.delete(item.id);
        items.remove(item.id, item);
      } else {
        files.writeState(item.id, ItemCodec.encodeState(state));
      }
    } catch (IOException e) {
      // Kept in memory: the attempt's outcome holds until a restart, which may repeat it.
      LOG.error("outbound queue {}: cannot record its progress: {}", item.id, e.toString());
    }
  }

  /** Stops the dispatcher, lets running attempts finish (a few seconds), destroys the key. */
  @Override
  public void close() {
    closed = true;
    scheduler.close();
    key.destroy();
  }
}
