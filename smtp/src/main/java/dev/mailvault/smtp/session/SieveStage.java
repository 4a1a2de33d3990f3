package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.sieve.SieveAction;
import dev.mailvault.core.sieve.SieveEnvelope;
import dev.mailvault.core.sieve.SieveMessage;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sieve at the MX (ADR 0252): before the message is stored, sealed or forwarded, each alias's
 * active script decides where its copies go ({@link SievePlan}); after the 250, the replies its
 * script asked for (vacation, RFC 5230; a rejection notice, RFC 5429 §2.1.2) go out through the
 * outbound queue, from the null reverse-path, best effort: a reply that cannot be queued is logged,
 * never a reason to refuse the message.
 */
final class SieveStage {

  private static final Logger LOG = LoggerFactory.getLogger(SieveStage.class);

  private static final char TAG_SEPARATOR = '+';

  private final Directory directory;
  private final AliasSieve sieve;
  private final Optional<Outbox> outbox;
  private final Clock clock;
  private final String hostname;

  SieveStage(Directory directory, Optional<Outbox> outbox, Clock clock, String hostname) {
    this.directory = directory;
    this.sieve = new AliasSieve(clock);
    this.outbox = outbox;
    this.clock = clock;
    this.hostname = hostname;
  }

  /** Runs the active script of every alias of {@code current} that has one on {@code raw}. */
  SievePlan plan(Transaction current, byte[] raw) {
    Map<String, SieveDecision> decisions = new HashMap<>();
    for (AliasRoute route : current.routes()) {
      Optional<String> script = directory.activeSieveScript(route.address());
      if (script.isPresent()) {
        String alias = route.address().toString();
        decisions.put(
            route.vaultId(),
            sieve.decide(script.get(), alias, recipientOf(route, current), current.mailFrom, raw));
      }
    }
    return decisions.isEmpty() ? SievePlan.NONE : new SievePlan(decisions);
  }

  /**
   * Queues what the scripts asked to send besides the message itself, once the message is accepted:
   * vacation replies (once per sender per {@code :days}) and, for aliases that rejected a message
   * another recipient took, the rejection notice.
   */
  void afterAcceptance(Transaction current, SievePlan plan, byte[] raw, String id) {
    if (plan.decisions().isEmpty()) {
      return;
    }
    List<RejectionNotice.Rejected> rejected = new ArrayList<>();
    for (AliasRoute route : current.routes()) {
      SieveDecision decision = plan.of(route);
      decision
          .rejection()
          .ifPresent(
              r -> rejected.add(new RejectionNotice.Rejected(route.address().toString(), r)));
      decision.vacation().ifPresent(v -> vacation(route.address(), v, raw, id));
    }
    if (!rejected.isEmpty() && !current.mailFrom.isEmpty()) {
      // RFC 5429 §2.1.2: the message was accepted for another recipient, so the refusal is told.
      queue(
          current.mailFrom,
          rejected.get(0).alias(),
          RejectionNotice.build(
              current.mailFrom,
              rejected,
              header(raw),
              clock.instant().atZone(clock.getZone()),
              hostname),
          id,
          "rejection notice");
    }
  }

  private void vacation(EmailAddress alias, SieveAction.Vacation reply, byte[] raw, String id) {
    try {
      // RFC 5230 §4.2: one reply per sender (and handle) per :days.
      if (!directory.claimVacationReply(alias, reply.to(), reply.handle(), reply.period())) {
        return;
      }
    } catch (UnknownAliasException | RuntimeException e) {
      LOG.info("message {}: vacation reply skipped: {}", id, e.getClass().getSimpleName());
      return;
    }
    SieveMessage original = SieveMessage.of(raw, new SieveEnvelope("", reply.to(), ""));
    byte[] message =
        VacationReply.build(
            reply,
            alias.toString(),
            original.headers("Message-ID"),
            clock.instant().atZone(clock.getZone()),
            hostname);
    queue(reply.to(), alias.toString(), message, id, "vacation reply");
  }

  private void queue(String to, String sender, byte[] message, String id, String what) {
    if (outbox.isEmpty()) {
      LOG.info("message {}: no outbound queue here, {} not sent", id, what);
      return;
    }
    boolean ascii = true;
    for (byte b : message) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    try {
      String queued =
          outbox
              .get()
              .submit(
                  new OutboundMessage(
                      // RFC 5230 §5.1, RFC 3834 §4: automatic replies go from the null path.
                      "",
                      sender,
                      List.of(OutboundRecipient.of(to)),
                      message,
                      clock.instant(),
                      Optional.empty(),
                      DsnReturn.DEFAULT,
                      false,
                      !isAscii(to),
                      !ascii));
      LOG.info("message {}: {} queued as {}", id, what, queued);
    } catch (MailvaultException | RuntimeException e) {
      LOG.warn("message {}: {} could not be queued: {}", id, what, e.getClass().getSimpleName());
    }
  }

  /**
   * The forward-path that reached {@code route}: the first that names the alias, with or without a
   * {@code +detail}; the alias itself when the alias was reached otherwise (a catch-all).
   */
  private static String recipientOf(AliasRoute route, Transaction current) {
    String alias = route.address().canonical();
    for (String rcpt : current.rcptTo()) {
      String lower = rcpt.toLowerCase(Locale.ROOT);
      int at = lower.lastIndexOf('@');
      if (at < 0) {
        continue;
      }
      String local = lower.substring(0, at);
      int tag = local.indexOf(TAG_SEPARATOR);
      String base = (tag < 0 ? local : local.substring(0, tag)) + lower.substring(at);
      if (lower.equals(alias) || base.equals(alias)) {
        return rcpt;
      }
    }
    return route.address().toString();
  }

  /** The header section of {@code raw}, up to the blank line, for a rejection notice. */
  private static String header(byte[] raw) {
    int end = raw.length;
    for (int i = 0; i + 3 < raw.length; i++) {
      if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
        end = i + 2;
        break;
      }
    }
    return new String(raw, 0, Math.min(end, 64 * 1024), StandardCharsets.UTF_8);
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }

  Instant now() {
    return clock.instant();
  }
}
