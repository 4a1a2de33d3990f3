package dev.mailvault.outbound.queue;

import java.util.List;

/**
 * Everything the queue records about an item after it was accepted: each recipient's progress and
 * the reports owed to the sender. Replaced whole, never edited in place.
 */
record ItemState(List<RecipientState> recipients, List<Report> reports) {

  ItemState {
    recipients = List.copyOf(recipients);
    reports = List.copyOf(reports);
  }

  /** Whether nothing is left to do: every recipient and every report is final. */
  boolean finished() {
    return recipients.stream().noneMatch(RecipientState::pending)
        && reports.stream().noneMatch(Report::pending);
  }
}
