package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.queue.RecipientState.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one attempt's results make of an item's state (RFC 5321 §4.5.4.1, RFC 3461 §4.1, ADR 0202):
 * delivered and refused recipients become final, deferred ones are due again after the backed-off
 * wait or fail at the give-up time, and the reports the sender asked for are added. Pure: no I/O,
 * no clock.
 */
final class AttemptOutcomes {

  private final QueueSettings settings;

  AttemptOutcomes(QueueSettings settings) {
    this.settings = settings;
  }

  /**
   * @param tried the indexes of the recipients the attempt was for
   * @param results the transmitter's results, matched to the recipients by address
   * @param local whether the attempt stayed on this server
   */
  ItemState apply(
      OutboundMessage message,
      ItemState state,
      List<Integer> tried,
      List<RecipientResult> results,
      Instant at,
      boolean local) {
    Map<String, RecipientResult> byAddress = new HashMap<>();
    for (RecipientResult result : results) {
      byAddress.putIfAbsent(result.recipient(), result);
    }
    Instant giveUpAt = message.accepted().plus(settings.giveUp());
    Instant warnAt = message.accepted().plus(settings.delayWarning());
    boolean reportable = !message.mailFrom().isEmpty();
    List<RecipientState> recipients = new ArrayList<>(state.recipients());
    List<Report.Reported> failed = new ArrayList<>();
    List<Report.Reported> delayed = new ArrayList<>();
    List<Report.Reported> delivered = new ArrayList<>();
    for (int index : tried) {
      RecipientState before = recipients.get(index);
      if (!before.pending()) {
        continue;
      }
      OutboundRecipient recipient = message.recipients().get(index);
      RecipientResult result = byAddress.get(recipient.address());
      if (result == null) {
        // Transmitter contract broken: retried rather than lost.
        result =
            new RecipientResult(
                recipient.address(),
                RecipientResult.Outcome.TEMPORARY,
                "4.4.0",
                "smtp; 451 4.4.0 no result for this recipient",
                Optional.empty());
      }
      RecipientState after =
          switch (result.outcome()) {
            case DELIVERED -> record(before, Progress.DELIVERED, at, at, result, local);
            case PERMANENT -> record(before, Progress.FAILED, at, at, result, local);
            case TEMPORARY -> {
              if (!at.isBefore(giveUpAt)) {
                // RFC 5321 §4.5.4.1: give up after some days; the last transient reply is reported.
                yield record(before, Progress.FAILED, at, at, result, local);
              }
              Instant next = at.plus(settings.retryAfter(before.attempts() + 1));
              yield record(before, Progress.PENDING, at, min(next, giveUpAt), result, local);
            }
          };
      if (after.progress() == Progress.FAILED && recipient.reportsFailure()) {
        failed.add(Report.Reported.of(after));
      } else if (after.progress() == Progress.DELIVERED && recipient.reportsSuccess()) {
        delivered.add(Report.Reported.of(after));
      } else if (after.pending()
          && !after.delayWarned()
          && !at.isBefore(warnAt)
          && recipient.reportsDelay()) {
        // RFC 3461 §4.1 NOTIFY=DELAY: one warning per recipient.
        after = after.warned();
        delayed.add(Report.Reported.of(after));
      }
      recipients.set(index, after);
    }
    List<Report> reports = new ArrayList<>(state.reports());
    if (reportable) {
      addReport(reports, Report.Kind.FAILED, failed, at);
      addReport(reports, Report.Kind.DELAYED, delayed, at);
      addReport(reports, Report.Kind.DELIVERED, delivered, at);
    }
    return new ItemState(recipients, reports);
  }

  /** A report's own attempt: delivered, refused (dropped), or retried until its give-up time. */
  Report applyToReport(Report report, RecipientResult result, Instant at) {
    return switch (result.outcome()) {
      case DELIVERED -> report.attempted(Progress.DELIVERED, at, result.diagnostic());
      case PERMANENT -> report.attempted(Progress.FAILED, at, result.diagnostic());
      case TEMPORARY -> {
        Instant giveUpAt = report.created().plus(settings.giveUp());
        if (!at.isBefore(giveUpAt)) {
          yield report.attempted(Progress.FAILED, at, result.diagnostic());
        }
        Instant next = at.plus(settings.retryAfter(report.attempts() + 1));
        yield report.attempted(Progress.PENDING, min(next, giveUpAt), result.diagnostic());
      }
    };
  }

  private static RecipientState record(
      RecipientState before,
      Progress progress,
      Instant at,
      Instant next,
      RecipientResult result,
      boolean local) {
    return before.attempted(
        progress, at, next, result.status(), result.diagnostic(), result.remoteMta(), local);
  }

  private static void addReport(
      List<Report> reports, Report.Kind kind, List<Report.Reported> rows, Instant at) {
    if (!rows.isEmpty()) {
      reports.add(new Report(reports.size() + 1, kind, at, rows, Progress.PENDING, 0, at, ""));
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
