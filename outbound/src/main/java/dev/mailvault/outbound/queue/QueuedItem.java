package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.OutboundMessage;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One message in the queue's memory: its envelope and content as accepted, and its current state.
 * The state is replaced whole under this object's monitor, and written to disk under it, so the
 * file always holds the latest state.
 */
final class QueuedItem {

  final String id;
  final OutboundMessage message;
  private final String[] domains;
  private ItemState state;
  private Optional<Instant> nextDue;
  private boolean removed;

  QueuedItem(String id, OutboundMessage message, ItemState state) {
    this.id = id;
    this.message = message;
    // Worked out once: the dispatcher asks for every item each time it looks (DeliveryScheduler).
    this.domains =
        message.recipients().stream().map(r -> domain(r.address())).toArray(String[]::new);
    state(state);
  }

  /** The state of a message not tried yet: every recipient due at {@code due}. */
  static ItemState fresh(OutboundMessage message, Instant due) {
    return new ItemState(
        java.util.stream.IntStream.range(0, message.recipients().size())
            .mapToObj(i -> RecipientState.fresh(i, due))
            .toList(),
        List.of());
  }

  synchronized ItemState state() {
    return state;
  }

  synchronized void state(ItemState next) {
    state = next;
    nextDue =
        Stream.concat(
                state.recipients().stream()
                    .filter(RecipientState::pending)
                    .map(RecipientState::nextAttempt),
                state.reports().stream().filter(Report::pending).map(Report::nextAttempt))
            .min(Instant::compareTo);
  }

  synchronized boolean removed() {
    return removed;
  }

  synchronized void markRemoved() {
    removed = true;
  }

  /** The recipient's domain as the envelope gives it, lower-cased for grouping. */
  String domainOf(int index) {
    return domains[index];
  }

  static String domain(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /** The domains with a pending recipient due at {@code now}. */
  synchronized Set<String> dueDomains(Instant now) {
    Set<String> domains = new LinkedHashSet<>();
    for (RecipientState r : state.recipients()) {
      if (r.pending() && !r.nextAttempt().isAfter(now)) {
        domains.add(domainOf(r.index()));
      }
    }
    return domains;
  }

  /** The numbers of the pending reports due at {@code now}. */
  synchronized List<Integer> dueReports(Instant now) {
    return state.reports().stream()
        .filter(r -> r.pending() && !r.nextAttempt().isAfter(now))
        .map(Report::number)
        .toList();
  }

  /** When something of this item is next due, if anything is pending. */
  synchronized Optional<Instant> nextDue() {
    return nextDue;
  }
}
