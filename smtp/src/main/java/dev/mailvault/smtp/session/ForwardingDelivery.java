package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.WebhookRecipients;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.smtp.codec.SmtpReply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of an MX transaction whose recipients forward (ADR 0240): the stored copies go to {@link
 * MailDelivery} as before; every forward target of every recipient, and every relayed address, goes
 * into one queued message whose reverse-path is the SRS-rewritten sender (ADR 0241). With both, the
 * queued copy is prepared (durable, held) before the stores and committed after them, and abandoned
 * when they fail, so the 250 covers all copies or none. A recipient that only forwards never gets a
 * vault or spool copy.
 */
final class ForwardingDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardingDelivery.class);

  private static final SmtpReply FAILED =
      SmtpReply.of(451, "4.3.0", "Temporary failure, try again later");

  private final MessageDeliverer deliverer;
  private final MxForwarding forwarding;

  ForwardingDelivery(MessageDeliverer deliverer, MxForwarding forwarding) {
    this.deliverer = deliverer;
    this.forwarding = forwarding;
  }

  /**
   * @param current the transaction: its sender, routes and relays
   * @param received the message as received (forwarded byte for byte below our trace fields)
   * @param stored the copy for the vaults, with its trace fields
   * @param traceField our Received field, which the forwarded copy gets too
   * @param plan what the aliases' Sieve scripts decided (ADR 0252): an alias whose script kept
   *     nothing is neither stored nor forwarded, and its redirects join the forwarded copy
   */
  SmtpReply deliver(
      Transaction current,
      byte[] received,
      MailDelivery.Incoming stored,
      String traceField,
      String id,
      Instant arrival,
      SievePlan plan) {
    List<AliasRoute> storing = new ArrayList<>();
    List<AliasRoute> forwarding = new ArrayList<>();
    for (AliasRoute route : current.routes()) {
      boolean keeps = plan.keeps(route);
      if (keeps && route.stores()) {
        storing.add(route);
      }
      if ((keeps && !route.activeForwards().isEmpty()) || !plan.of(route).redirects().isEmpty()) {
        forwarding.add(route);
      }
    }
    List<Routed.Relay> relays = current.relays();
    if (forwarding.isEmpty() && relays.isEmpty()) {
      if (storing.isEmpty()) {
        // RFC 5228 §4.4: every script discarded (or rejected for a notice): accepted, not kept.
        LOG.info("message {} accepted and kept by no alias (sieve)", id);
        return SmtpReply.of(250, "2.0.0", "OK: message accepted, id " + id);
      }
      return deliverer.deliver(stored, storing, plan, id);
    }
    OutboundMessage copy =
        forwardedCopy(current, received, traceField, forwarding, relays, arrival, plan);
    try {
      if (storing.isEmpty()) {
        String queued = this.forwarding.outbox().submit(copy);
        LOG.info("message {} forwarded as queue item {}", id, queued);
        return SmtpReply.of(250, "2.0.0", "OK: message accepted, id " + id);
      }
      String held = this.forwarding.outbox().prepare(copy);
      SmtpReply reply = deliverer.deliver(stored, storing, plan, id);
      if (reply.code() != 250) {
        this.forwarding.outbox().abandon(held);
        return reply;
      }
      try {
        this.forwarding.outbox().commit(held);
      } catch (MailvaultException | RuntimeException e) {
        // The stored copies cannot be taken back from here: the client sends again, and they are
        // stored twice rather than the forward lost (ADR 0240).
        this.forwarding.outbox().abandon(held);
        LOG.error("message {}: stored, but its forward could not be released", id, e);
        return withId(FAILED, id);
      }
      LOG.info("message {} stored and forwarded as queue item {}", id, held);
      return reply;
    } catch (MailvaultException | RuntimeException e) {
      LOG.warn("message {} not forwarded: {}", id, e.getClass().getName(), e);
      return withId(FAILED, id);
    }
  }

  /**
   * One message to every target: {@code Delivered-To} per forwarding alias and relayed recipient
   * (ADR 0242), our {@code Received}, then the message as received; ORCPT names the alias (RFC 3461
   * §4.2), so a bounce says which address forwarded.
   */
  private OutboundMessage forwardedCopy(
      Transaction current,
      byte[] received,
      String traceField,
      List<AliasRoute> aliases,
      List<Routed.Relay> relays,
      Instant arrival,
      SievePlan plan) {
    Map<String, OutboundRecipient> recipients = new LinkedHashMap<>();
    StringBuilder top = new StringBuilder();
    String srsDomain = null;
    for (AliasRoute alias : aliases) {
      String address = alias.address().toString();
      top.append("Delivered-To: ").append(address).append("\r\n");
      srsDomain = srsDomain == null ? alias.address().domain().value() : srsDomain;
      List<String> targets = new ArrayList<>();
      if (plan.keeps(alias)) {
        for (ForwardTarget target : alias.activeForwards()) {
          targets.add(
              target.isWebhook() ? WebhookRecipients.address(target.id()) : target.target());
        }
      }
      // RFC 5228 §4.2: redirect sends the message on as it came, like a forward.
      targets.addAll(plan.of(alias).redirects());
      for (String to : targets) {
        recipients.putIfAbsent(
            to.toLowerCase(Locale.ROOT),
            new OutboundRecipient(to, Set.of(), Optional.of("rfc822;" + address)));
      }
    }
    for (Routed.Relay relay : relays) {
      if (!relay.srsReturn()) {
        top.append("Delivered-To: ").append(relay.recipient()).append("\r\n");
      }
      srsDomain = srsDomain == null ? domainOf(relay.recipient()) : srsDomain;
      recipients.putIfAbsent(
          relay.to().toLowerCase(Locale.ROOT),
          new OutboundRecipient(relay.to(), Set.of(), Optional.of("rfc822;" + relay.recipient())));
    }
    top.append(traceField);
    byte[] head = top.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream raw = new ByteArrayOutputStream(head.length + received.length);
    raw.writeBytes(head);
    raw.writeBytes(received);
    // RFC 5321 §4.5.5 / ADR 0241: a null sender stays null, so a bounce never gets a bounce.
    String mailFrom =
        current.mailFrom.isEmpty() ? "" : forwarding.srs().forward(current.mailFrom, srsDomain);
    return new OutboundMessage(
        mailFrom,
        aliases.isEmpty() ? relays.get(0).recipient() : aliases.get(0).address().toString(),
        List.copyOf(recipients.values()),
        raw.toByteArray(),
        arrival,
        Optional.empty(),
        DsnReturn.DEFAULT,
        false,
        current.smtpUtf8,
        "8BITMIME".equals(current.mail.body()));
  }

  private static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private static SmtpReply withId(SmtpReply reply, String id) {
    return SmtpReply.of(reply.code(), reply.enhanced(), reply.lines().get(0) + " (id " + id + ")");
  }
}
