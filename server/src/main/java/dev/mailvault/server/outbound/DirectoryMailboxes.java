package dev.mailvault.server.outbound;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.outbound.LocalMailboxes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The queue's view of this server's aliases, on the directory and {@link MailDelivery} (the same
 * delivery the MX uses: into the open vault, else sealed into the spool). An address resolves as
 * the MX resolves it: the exact alias, else the alias without its {@code +tag}, else, for
 * postmaster, the configured postmaster alias or the oldest enabled one (RFC 5321 §4.5.1, ADR
 * 0178).
 */
public final class DirectoryMailboxes implements LocalMailboxes {

  private static final char TAG_SEPARATOR = '+';
  private static final String POSTMASTER = "postmaster";
  private static final Comparator<AliasInfo> OLDEST =
      Comparator.comparing(AliasInfo::created).thenComparing(info -> info.address().canonical());

  private final Directory directory;
  private final MailDelivery delivery;
  private final Optional<EmailAddress> postmaster;

  public DirectoryMailboxes(
      Directory directory, MailDelivery delivery, Optional<EmailAddress> postmaster) {
    this.directory = directory;
    this.delivery = delivery;
    this.postmaster = postmaster;
  }

  @Override
  public boolean serves(String domain) {
    DomainName name;
    try {
      name = DomainName.parse(domain);
    } catch (InvalidAddressException e) {
      return false;
    }
    return directory.hasDomain(name);
  }

  @Override
  public void deliver(String address, String mailFrom, byte[] raw, Instant arrival)
      throws MailvaultException {
    AliasRoute route = resolve(address);
    delivery.deliver(
        new MailDelivery.Incoming(raw, arrival, mailFrom, List.of(address)),
        List.of(new MailDelivery.Recipient(route.vaultId(), route.spoolPublicKey())));
  }

  private AliasRoute resolve(String address) throws UnknownMailboxException {
    Optional<AliasRoute> route;
    if (address.equalsIgnoreCase(POSTMASTER)) {
      route = postmasterRoute();
    } else {
      EmailAddress parsed;
      try {
        parsed = EmailAddress.parse(address);
      } catch (InvalidAddressException e) {
        throw new UnknownMailboxException("not an address");
      }
      route = directory.findAlias(parsed);
      if (route.isEmpty()) {
        EmailAddress base = parsed.withoutTag(TAG_SEPARATOR);
        if (!base.equals(parsed)) {
          route = directory.findAlias(base);
        }
      }
      if (route.isEmpty() && parsed.localPart().equalsIgnoreCase(POSTMASTER)) {
        route = postmasterRoute();
      }
    }
    if (route.isEmpty() || !route.get().enabled()) {
      throw new UnknownMailboxException("no enabled alias has this address");
    }
    return route.get();
  }

  private Optional<AliasRoute> postmasterRoute() {
    if (postmaster.isPresent()) {
      return directory.findAlias(postmaster.get());
    }
    return directory.listAliases().stream()
        .filter(AliasInfo::enabled)
        .min(OLDEST)
        .flatMap(oldest -> directory.findAlias(oldest.address()));
  }
}
