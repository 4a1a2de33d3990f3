package dev.mailvault.outbound.queue;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.LocalMailboxes;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.RecipientResult.Outcome;
import dev.mailvault.outbound.Transmitter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to the aliases of a domain this server serves (ADR 0200): each recipient into its
 * mailbox through {@link LocalMailboxes}, never over the network. The outcomes read as the MX's
 * replies would, so a bounce says the same as if the mail had come from outside.
 */
public final class LocalTransmitter implements Transmitter {

  private static final Logger LOG = LoggerFactory.getLogger(LocalTransmitter.class);

  private final LocalMailboxes mailboxes;
  private final Clock clock;

  public LocalTransmitter(LocalMailboxes mailboxes, Clock clock) {
    this.mailboxes = mailboxes;
    this.clock = clock;
  }

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    List<RecipientResult> results = new ArrayList<>(attempt.recipients().size());
    for (OutboundRecipient recipient : attempt.recipients()) {
      results.add(deliverOne(attempt, recipient.address()));
    }
    return results;
  }

  private RecipientResult deliverOne(DeliveryAttempt attempt, String address) {
    try {
      mailboxes.deliver(address, attempt.mailFrom(), attempt.raw(), clock.instant());
      return result(address, Outcome.DELIVERED, "2.0.0", "250 2.0.0 delivered to the mailbox");
    } catch (LocalMailboxes.UnknownMailboxException e) {
      // RFC 3463 §3.2: X.1.1 bad destination mailbox address.
      return result(address, Outcome.PERMANENT, "5.1.1", "550 5.1.1 No such mailbox here");
    } catch (LocalMailboxes.RejectedException e) {
      // RFC 5429 §2.1.2 and RFC 3463 X.7.1: refused by the recipient's filter, for good.
      return result(address, Outcome.PERMANENT, "5.7.1", "550 5.7.1 " + replyText(e.reason()));
    } catch (LocalMailboxes.LoopException e) {
      // RFC 3463 §3.5: X.4.6 routing loop detected, as the MX answers (ADR 0242).
      return result(address, Outcome.PERMANENT, "5.4.6", "554 5.4.6 Routing loop detected");
    } catch (OverQuotaException e) {
      // RFC 3463 §3.3: X.2.2 mailbox full; temporary, as the MX's 452 is (ADR 0200).
      return result(address, Outcome.TEMPORARY, "4.2.2", "452 4.2.2 Mailbox full");
    } catch (MailvaultException | RuntimeException e) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      LOG.warn(
          "queue {}: local delivery failed (error id {}): {}", attempt.queueId(), id, e.toString());
      return result(
          address,
          Outcome.TEMPORARY,
          "4.3.0",
          "451 4.3.0 Local delivery failed for now (error id " + id + ")");
    }
  }

  /** A script's reason as reply text: printable ASCII on one line, at most 200 characters. */
  private static String replyText(String reason) {
    StringBuilder out = new StringBuilder();
    reason.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? (char) cp : ' '));
    String text = out.toString().replaceAll(" +", " ").trim();
    if (text.isEmpty()) {
      return "Message rejected by the recipient's filter";
    }
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private static RecipientResult result(
      String address, Outcome outcome, String status, String reply) {
    return new RecipientResult(address, outcome, status, "smtp; " + reply, Optional.empty());
  }
}
