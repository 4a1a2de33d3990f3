package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.srs.InvalidSrsAddressException;
import dev.mailvault.core.srs.SrsCodec;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DomainRouting;
import java.util.Optional;

/**
 * Turns a forward-path into where it goes: the exact alias, else the alias without its {@code +tag}
 * (sub-addressing), else the domain's forward to another domain or its postmaster or catch-all
 * alias (ADR 0243); an SRS address of ours goes back to the address it stands for (ADR 0241). A
 * domain the directory does not list is refused, so the MX is never an open relay.
 */
final class RecipientResolver {

  private static final char TAG_SEPARATOR = '+';

  private final Directory directory;
  private final ServedDomains domains;
  private final Postmaster postmaster;

  /** Reverses SRS addresses; empty when this MX does not forward (no SRS key). */
  private final Optional<SrsCodec> srs;

  RecipientResolver(
      Directory directory, ServedDomains domains, Postmaster postmaster, Optional<SrsCodec> srs) {
    this.directory = directory;
    this.domains = domains;
    this.postmaster = postmaster;
    this.srs = srs;
  }

  Routed resolve(String forwardPath, boolean smtpUtf8) throws SmtpRefusal {
    if (!smtpUtf8 && !isAscii(forwardPath)) {
      // RFC 6531 §3.5: a non-ASCII address needs the SMTPUTF8 parameter on MAIL.
      throw new SmtpRefusal(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
    }
    if (Postmaster.named(forwardPath)) {
      // RFC 5321 §4.5.1: "<postmaster>" without a domain is always accepted.
      return new Routed.Alias(enabled(postmaster.route()));
    }
    EmailAddress address;
    try {
      address = EmailAddress.parse(forwardPath);
    } catch (InvalidAddressException e) {
      throw new SmtpRefusal(501, "5.1.3", "Bad recipient address syntax");
    }
    if (!domains.serves(address.domain())) {
      // RFC 5321 §3.6.2 / §7.1: we deliver only to domains we serve.
      throw new SmtpRefusal(550, "5.7.1", "Relaying denied: this server does not serve the domain");
    }
    Optional<AliasRoute> route = directory.findAlias(address);
    if (route.isEmpty() && srs.isPresent() && SrsCodec.isSrs(address.localPart())) {
      return srsReturn(srs.get(), forwardPath, address);
    }
    if (route.isEmpty()) {
      EmailAddress base = address.withoutTag(TAG_SEPARATOR);
      if (!base.equals(address)) {
        route = directory.findAlias(base);
      }
    }
    if (route.isPresent()) {
      return new Routed.Alias(enabled(route));
    }
    DomainRouting routing = directory.domainRouting(address.domain());
    if (routing.forwardTo().isPresent() && srs.isPresent()) {
      // ADR 0243: local@a goes to local@b through the queue, local part as given.
      return new Routed.Relay(
          address.localPart() + "@" + routing.forwardTo().get().value(), forwardPath, false);
    }
    if (Postmaster.named(address.localPart())) {
      // RFC 5321 §4.5.1: postmaster at every served domain, when no alias has that name.
      route = postmaster.route();
    } else if (routing.catchAll().isPresent()) {
      // ADR 0243: the catch-all takes what no alias of the domain names.
      route = directory.findAlias(routing.catchAll().get());
    }
    return new Routed.Alias(enabled(route));
  }

  /**
   * A bounce (usually {@code MAIL FROM:<>}) to an SRS address of ours goes to the address it stands
   * for; one whose hash fails or that is too old names no mailbox here (RFC 3463 §3.2 X.1.1: bad
   * destination mailbox address), as Mail::SRS and PostSRSd refuse it.
   */
  private static Routed srsReturn(SrsCodec codec, String forwardPath, EmailAddress address)
      throws SmtpRefusal {
    try {
      return new Routed.Relay(codec.reverse(address.localPart()), forwardPath, true);
    } catch (InvalidSrsAddressException e) {
      String why =
          e.reason() == InvalidSrsAddressException.Reason.EXPIRED
              ? "SRS address expired"
              : "Invalid SRS address";
      throw new SmtpRefusal(550, "5.1.1", why + ": no such mailbox here");
    }
  }

  private static AliasRoute enabled(Optional<AliasRoute> route) throws SmtpRefusal {
    if (route.isEmpty()) {
      throw new SmtpRefusal(550, "5.1.1", "No such mailbox here");
    }
    if (!route.get().enabled()) {
      throw new SmtpRefusal(550, "5.2.1", "Mailbox disabled, not accepting messages");
    }
    return route.get();
  }

  static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
