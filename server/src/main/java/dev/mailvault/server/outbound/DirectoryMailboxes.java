package dev.mailvault.server.outbound;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.srs.InvalidSrsAddressException;
import dev.mailvault.core.srs.SrsCodec;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.outbound.LocalMailboxes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
  private final Optional<SrsReturns> srsReturns;

  /**
   * Where the queue's own bounces to an SRS address of ours go (ADR 0241): reversed, and queued on
   * to the original sender; the outbox is asked for only when one arrives, since the queue that
   * needs this object is built after it.
   */
  public record SrsReturns(SrsCodec srs, Supplier<Outbox> outbox) {}

  public DirectoryMailboxes(
      Directory directory, MailDelivery delivery, Optional<EmailAddress> postmaster) {
    this(directory, delivery, postmaster, Optional.empty());
  }

  public DirectoryMailboxes(
      Directory directory,
      MailDelivery delivery,
      Optional<EmailAddress> postmaster,
      Optional<SrsReturns> srsReturns) {
    this.directory = directory;
    this.delivery = delivery;
    this.postmaster = postmaster;
    this.srsReturns = srsReturns;
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
    Optional<String> original = srsOriginal(address);
    if (original.isPresent()) {
      // A bounce of a forwarded message: on to the sender it stands for, through the queue.
      srsReturns
          .get()
          .outbox()
          .get()
          .submit(
              new OutboundMessage(
                  "",
                  address,
                  List.of(OutboundRecipient.of(original.get())),
                  raw,
                  arrival,
                  Optional.empty(),
                  DsnReturn.DEFAULT,
                  false,
                  false,
                  true));
      return;
    }
    AliasRoute route = resolve(address);
    delivery.deliver(
        new MailDelivery.Incoming(raw, arrival, mailFrom, List.of(address)),
        List.of(new MailDelivery.Recipient(route.vaultId(), route.spoolPublicKey())));
  }

  /** The address an SRS address of ours stands for, when {@code address} is one and no alias. */
  private Optional<String> srsOriginal(String address) throws UnknownMailboxException {
    int at = address.lastIndexOf('@');
    if (srsReturns.isEmpty() || at <= 0 || !SrsCodec.isSrs(address.substring(0, at))) {
      return Optional.empty();
    }
    try {
      if (directory.findAlias(EmailAddress.parse(address)).isPresent()) {
        return Optional.empty();
      }
      return Optional.of(srsReturns.get().srs().reverse(address.substring(0, at)));
    } catch (InvalidAddressException | InvalidSrsAddressException e) {
      throw new UnknownMailboxException("not a valid SRS address");
    }
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
