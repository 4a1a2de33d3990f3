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
import dev.mailvault.smtp.session.AliasSieve;
import dev.mailvault.smtp.session.SieveDecision;
import dev.mailvault.smtp.session.SieveReplies;
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
 * the original sender (ADR 0241). With {@link LocalSieve}, the alias's Sieve script runs first, as
 * at the MX (ADR 0252): its copies, redirects and vacation reply; a rejection is a permanent
 * failure the queue reports to the sender.
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
  private final Optional<LocalSieve> sieve;

  /**
   * What forwarding needs here (ADR 0240, 0241): the queue's own bounces to an SRS address of ours
   * are reversed and queued on to the original sender, and a local alias that forwards gets its
   * copies queued as the MX queues them. The outbox is asked for only when needed, since the queue
   * that needs this object is built after it.
   *
   * @param maxReceived the loop check's hop limit (ADR 0242)
   */
  public record Forwarding(SrsCodec srs, Supplier<Outbox> outbox, int maxReceived) {}

  /**
   * Sieve for the queue's local deliveries (ADR 0252): the same engine and replies as the MX's, so
   * mail between our own users is filtered as mail from outside is.
   */
  public record LocalSieve(AliasSieve sieve, SieveReplies replies) {}

  public DirectoryMailboxes(
      Directory directory, MailDelivery delivery, Optional<EmailAddress> postmaster) {
    this(directory, delivery, postmaster, Optional.empty());
  }

  public DirectoryMailboxes(
      Directory directory,
      MailDelivery delivery,
      Optional<EmailAddress> postmaster,
      Optional<Forwarding> forwarding) {
    this(directory, delivery, postmaster, forwarding, Optional.empty());
  }

  public DirectoryMailboxes(
      Directory directory,
      MailDelivery delivery,
      Optional<EmailAddress> postmaster,
      Optional<Forwarding> forwarding,
      Optional<LocalSieve> sieve) {
    this.directory = directory;
    this.delivery = delivery;
    this.postmaster = postmaster;
    this.forwarding = forwarding;
    this.sieve = sieve;
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
    // ADR 0252: the alias's script decides here as it does at the MX.
    SieveDecision decision = decide(route, address, mailFrom, raw);
    if (decision.rejected()) {
      throw new RejectedException(decision.rejection().get());
    }
    List<String> redirects = forwarding.isPresent() ? decision.redirects() : List.of();
    List<MailDelivery.Filing> filings = decision.filings();
    if (filings.isEmpty() && decision.redirects().size() > redirects.size()) {
      // A redirect with no queue to send it through: kept rather than lost.
      filings = SieveDecision.KEEP.filings();
    }
    boolean keeps = !filings.isEmpty();
    MailDelivery.Incoming incoming =
        new MailDelivery.Incoming(raw, arrival, mailFrom, List.of(address));
    List<MailDelivery.Recipient> recipient =
        List.of(new MailDelivery.Recipient(route.vaultId(), route.spoolPublicKey(), filings));
    boolean stores = keeps && route.stores();
    boolean forwards =
        forwarding.isPresent()
            && ((keeps && !route.activeForwards().isEmpty()) || !redirects.isEmpty());
    if (!forwards) {
      if (stores) {
        delivery.deliver(incoming, recipient);
      }
      replyIfAsked(route, decision, raw);
      return;
    }
    Forwarding f = forwarding.get();
    String alias = route.address().toString();
    if (LoopDetector.loops(raw, f.maxReceived(), List.of(alias, address))) {
      throw new LoopException("the message was delivered to this alias before");
    }
    OutboundMessage copy = forwardedCopy(f, route, keeps, redirects, mailFrom, raw, arrival);
    Outbox outbox = f.outbox().get();
    if (!stores) {
      outbox.submit(copy);
      replyIfAsked(route, decision, raw);
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
    replyIfAsked(route, decision, raw);
  }

  private SieveDecision decide(AliasRoute route, String address, String mailFrom, byte[] raw) {
    if (sieve.isEmpty()) {
      return SieveDecision.KEEP;
    }
    Optional<String> script = directory.activeSieveScript(route.address());
    if (script.isEmpty()) {
      return SieveDecision.KEEP;
    }
    return sieve
        .get()
        .sieve()
        .decide(script.get(), route.address().toString(), address, mailFrom, raw);
  }

  /** The vacation reply the script asked for, once the message is delivered (ADR 0252). */
  private void replyIfAsked(AliasRoute route, SieveDecision decision, byte[] raw) {
    if (sieve.isPresent() && decision.vacation().isPresent()) {
      sieve.get().replies().vacation(route.address(), decision.vacation().get(), raw, "local");
    }
  }

  /** The message with our {@code Delivered-To} on top, to every target, from the SRS sender. */
  private static OutboundMessage forwardedCopy(
      Forwarding f,
      AliasRoute route,
      boolean keeps,
      List<String> redirects,
      String mailFrom,
      byte[] raw,
      Instant arrival) {
    String alias = route.address().toString();
    byte[] top = ("Delivered-To: " + alias + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[top.length + raw.length];
    System.arraycopy(top, 0, content, 0, top.length);
    System.arraycopy(raw, 0, content, top.length, raw.length);
    List<String> addresses = new ArrayList<>();
    if (keeps) {
      for (ForwardTarget target : route.activeForwards()) {
        addresses.add(
            target.isWebhook() ? WebhookRecipients.address(target.id()) : target.target());
      }
    }
    // RFC 5228 §4.2: a redirect goes on like a forward.
    addresses.addAll(redirects);
    List<OutboundRecipient> targets = new ArrayList<>();
    for (String to : addresses.stream().distinct().toList()) {
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
