package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.smtp.codec.SmtpReply;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a whole message to {@link MailDelivery} (on the session's worker thread, never an event
 * loop) and turns the outcome into the reply: 250 only once every copy is durable.
 */
final class MessageDeliverer {

  private static final Logger LOG = LoggerFactory.getLogger(MessageDeliverer.class);

  private final MailDelivery delivery;
  private final Directory directory;

  MessageDeliverer(MailDelivery delivery, Directory directory) {
    this.delivery = delivery;
    this.directory = directory;
  }

  SmtpReply deliver(MailDelivery.Incoming message, List<AliasRoute> routes, String id) {
    return deliver(message, routes, SievePlan.NONE, id);
  }

  /** Delivers the copies {@code plan} keeps for each of {@code routes} (ADR 0252). */
  SmtpReply deliver(
      MailDelivery.Incoming message, List<AliasRoute> routes, SievePlan plan, String id) {
    List<MailDelivery.Recipient> recipients =
        routes.stream()
            .map(r -> new MailDelivery.Recipient(r.vaultId(), r.spoolPublicKey(), plan.filings(r)))
            .toList();
    try {
      delivery.deliver(message, recipients);
      return SmtpReply.of(250, "2.0.0", "OK: message accepted, id " + id);
    } catch (OverQuotaException e) {
      LOG.info("message {} refused: over quota ({})", id, e.scope());
      if (e.scope().endsWith("bytes") && aloneTooBig(message.raw().length, routes)) {
        // RFC 3463 X.2.2 permanent: waiting will never make room for this message.
        return SmtpReply.of(552, "5.2.2", "Mailbox full: the message exceeds its storage quota");
      }
      return SmtpReply.of(452, "4.2.2", "Mailbox full, try again later");
    } catch (MailvaultException | RuntimeException e) {
      LOG.warn("message {} not delivered: {}", id, e.getClass().getName(), e);
      return SmtpReply.of(451, "4.3.0", "Temporary failure, try again later (id " + id + ")");
    }
  }

  /**
   * Whether a byte limit of a recipient, its domain or the account is smaller than the message
   * itself. {@link OverQuotaException} says which kind of limit was hit but not whether the message
   * alone passes it, so the limits are read here, only on this rare path.
   */
  private boolean aloneTooBig(long size, List<AliasRoute> routes) {
    try {
      if (below(directory.account().limits(), size)) {
        return true;
      }
      for (AliasRoute route : routes) {
        for (DomainInfo domain : directory.listDomains()) {
          if (domain.name().equals(route.address().domain()) && below(domain.limits(), size)) {
            return true;
          }
        }
        for (AliasInfo alias : directory.listAliases(route.address().domain())) {
          if (alias.vaultId().equals(route.vaultId()) && below(alias.limits(), size)) {
            return true;
          }
        }
      }
      return false;
    } catch (UnknownDomainException | RuntimeException e) {
      return false;
    }
  }

  private static boolean below(QuotaLimits limits, long size) {
    return limits.maxBytes().isPresent() && limits.maxBytes().getAsLong() < size;
  }
}
