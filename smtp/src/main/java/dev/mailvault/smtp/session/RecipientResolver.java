package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import java.util.Optional;

/**
 * Turns a forward-path into the alias that receives it: the exact alias, else the alias without its
 * {@code +tag} (sub-addressing). A domain the directory does not list is refused, so the MX is
 * never an open relay. Catch-all addresses per domain are not offered: the directory has no place
 * for them yet.
 */
final class RecipientResolver {

  private static final char TAG_SEPARATOR = '+';

  private final Directory directory;
  private final ServedDomains domains;
  private final Postmaster postmaster;

  RecipientResolver(Directory directory, ServedDomains domains, Postmaster postmaster) {
    this.directory = directory;
    this.domains = domains;
    this.postmaster = postmaster;
  }

  AliasRoute resolve(String forwardPath, boolean smtpUtf8) throws SmtpRefusal {
    if (!smtpUtf8 && !isAscii(forwardPath)) {
      // RFC 6531 §3.5: a non-ASCII address needs the SMTPUTF8 parameter on MAIL.
      throw new SmtpRefusal(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
    }
    if (Postmaster.named(forwardPath)) {
      // RFC 5321 §4.5.1: "<postmaster>" without a domain is always accepted.
      return enabled(postmaster.route());
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
    if (route.isEmpty()) {
      EmailAddress base = address.withoutTag(TAG_SEPARATOR);
      if (!base.equals(address)) {
        route = directory.findAlias(base);
      }
    }
    if (route.isEmpty() && Postmaster.named(address.localPart())) {
      // RFC 5321 §4.5.1: postmaster at every served domain, when no alias has that name.
      route = postmaster.route();
    }
    return enabled(route);
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
