package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.dsn.DsnContent;
import dev.mailvault.outbound.dsn.DsnRecipient;
import dev.mailvault.outbound.dsn.DsnRecipient.Action;
import dev.mailvault.outbound.dsn.DsnWriter;
import java.util.List;
import java.util.Optional;

/** Turns a {@link Report} the queue owes into the DSN message it sends (RFC 3464). */
final class ReportBuilder {

  private final QueueSettings settings;

  ReportBuilder(QueueSettings settings) {
    this.settings = settings;
  }

  byte[] build(String queueId, OutboundMessage message, Report report) {
    List<DsnRecipient> recipients =
        report.recipients().stream().map(r -> recipient(message, report.kind(), r)).toList();
    return DsnWriter.write(
        new DsnContent(
            settings.reportingMta(),
            message.mailFrom(),
            message.envelopeId(),
            message.accepted(),
            report.created(),
            // Stable across restarts: a report built again is the same message.
            queueId + "." + report.number() + "@" + settings.reportingMta(),
            message.raw(),
            message.ret() == DsnReturn.FULL,
            recipients));
  }

  private DsnRecipient recipient(OutboundMessage message, Report.Kind kind, Report.Reported row) {
    OutboundRecipient recipient = message.recipients().get(row.index());
    Action action =
        switch (kind) {
          case FAILED -> Action.FAILED;
          case DELAYED -> Action.DELAYED;
          // RFC 3464 §2.3.3: "relayed" when the next hop took it on without promising a report.
          case DELIVERED -> row.local() ? Action.DELIVERED : Action.RELAYED;
        };
    return new DsnRecipient(
        recipient.address(),
        recipient.originalRecipient(),
        action,
        row.status(),
        row.diagnostic(),
        row.remoteMta(),
        row.lastAttempt(),
        kind == Report.Kind.DELAYED
            ? Optional.of(message.accepted().plus(settings.giveUp()))
            : Optional.empty());
  }
}
