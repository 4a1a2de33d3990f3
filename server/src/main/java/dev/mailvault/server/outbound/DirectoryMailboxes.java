package dev.mailvault.server.outbound;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.LoopDetector;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.outbound.WebhookRecipients;
import dev.mailvault.core.srs.InvalidSrsAddressException;
import dev.mailvault.core.srs.SrsCodec;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.outbound.LocalMailboxes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The queue's view of this server's aliases, on the directory and {@link MailDelivery} (the same
 * delivery the MX uses: into the open vault, else sealed into the spool). An address resolves as
 * the MX resolves it: the exact alias, else the alias without its {@code +tag}, else, for
 * postmaster, the configured postmaster alias or the oldest enabled one (RFC 5321 §4.5.1, ADR
 * 0178). With {@link Forwarding}, an alias that forwards gets its copies queued as at the MX (ADR
 * 0240; a loop is a permanent failure, ADR 0242), and a bounce to an SRS address of ours goes on to
 * the original sender (ADR 0241).
 */
public final class DirectoryMailboxes implements LocalMailboxes {

  private static final char TAG_SEPARATOR = '+';
  private static final String POSTMASTER = "postmaster";
  private static final Comparator<AliasInfo> OLDEST =
      Comparator.comparing(AliasInfo::created).thenComparing(info -> info.address().canonical());

  private final Directory directory;
  private final MailDelivery delivery;
  private final Optional<EmailAddress> postmaster;
  private final Optional<Forwarding> forwarding;

  /**
   * What forwarding needs here (ADR 0240, 0241): the queue's own bounces to an SRS address of ours
   * are reversed and queued on to the original sender, and a local alias that forwards gets its
   * copies queued as the MX queues them. The outbox is asked for only when needed, since the queue
   * that needs this object is built after it.
   *
   * @param maxReceived the loop check's hop limit (ADR 0242)
   */
  public record Forwarding(SrsCodec srs, Supplier<Outbox> outbox, int maxReceived) {}

  public DirectoryMailboxes(
      Directory directory, MailDelivery delivery, Optional<EmailAddress> postmaster) {
    this(directory, delivery, postmaster, Optional.empty());
  }

  public DirectoryMailboxes(
      Directory directory,
      MailDelivery delivery,
      Optional<EmailAddress> postmaster,
      Optional<Forwarding> forwarding) {
    this.directory = directory;
    this.delivery = delivery;
    this.postmaster = postmaster;
    this.forwarding = forwarding;
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
      forwarding
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
    MailDelivery.Incoming incoming =
        new MailDelivery.Incoming(raw, arrival, mailFrom, List.of(address));
    List<MailDelivery.Recipient> recipient =
        List.of(new MailDelivery.Recipient(route.vaultId(), route.spoolPublicKey()));
    if (forwarding.isEmpty() || route.activeForwards().isEmpty()) {
      delivery.deliver(incoming, recipient);
      return;
    }
    Forwarding f = forwarding.get();
    String alias = route.address().toString();
    if (LoopDetector.loops(raw, f.maxReceived(), List.of(alias, address))) {
      throw new LoopException("the message was delivered to this alias before");
    }
    OutboundMessage copy = forwardedCopy(f, route, mailFrom, raw, arrival);
    Outbox outbox = f.outbox().get();
    if (!route.stores()) {
      outbox.submit(copy);
      return;
    }
    // ADR 0240: held while the stored copy is made, so a failure leaves neither.
    String held = outbox.prepare(copy);
    try {
      delivery.deliver(incoming, recipient);
    } catch (MailvaultException | RuntimeException e) {
      outbox.abandon(held);
      throw e;
    }
    outbox.commit(held);
  }

  /** The message with our {@code Delivered-To} on top, to every target, from the SRS sender. */
  private static OutboundMessage forwardedCopy(
      Forwarding f, AliasRoute route, String mailFrom, byte[] raw, Instant arrival) {
    String alias = route.address().toString();
    byte[] top = ("Delivered-To: " + alias + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[top.length + raw.length];
    System.arraycopy(top, 0, content, 0, top.length);
    System.arraycopy(raw, 0, content, top.length, raw.length);
    List<OutboundRecipient> targets = new ArrayList<>();
    for (ForwardTarget target : route.activeForwards()) {
      String to = target.isWebhook() ? WebhookRecipients.address(target.id()) : target.target();
      targets.add(new OutboundRecipient(to, Set.of(), Optional.of("rfc822;" + alias)));
    }
    return new OutboundMessage(
        mailFrom.isEmpty() ? "" : f.srs().forward(mailFrom, route.address().domain().value()),
        alias,
        targets,
        content,
        arrival,
        Optional.empty(),
        DsnReturn.DEFAULT,
        false,
        false,
        true);
  }

  /** The address an SRS address of ours stands for, when {@code address} is one and no alias. */
  private Optional<String> srsOriginal(String address) throws UnknownMailboxException {
    int at = address.lastIndexOf('@');
    if (forwarding.isEmpty() || at <= 0 || !SrsCodec.isSrs(address.substring(0, at))) {
      return Optional.empty();
    }
    try {
      if (directory.findAlias(EmailAddress.parse(address)).isPresent()) {
        return Optional.empty();
      }
      return Optional.of(forwarding.get().srs().reverse(address.substring(0, at)));
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
