package dev.mailvault.smtp.session;

import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sieve at the MX (ADR 0252): before the message is stored, sealed or forwarded, each alias's
 * active script decides where its copies go ({@link SievePlan}); after the 250, the replies its
 * script asked for (vacation, RFC 5230; a rejection notice, RFC 5429 §2.1.2) go out through {@link
 * SieveReplies}, before the 250 is written.
 */
final class SieveStage {

  private static final char TAG_SEPARATOR = '+';

  private final Directory directory;
  private final AliasSieve sieve;
  private final SieveReplies replies;
  private final SpamLearning learning;

  SieveStage(
      Directory directory,
      Optional<Outbox> outbox,
      Clock clock,
      String hostname,
      SpamLearning learning) {
    this.directory = directory;
    this.learning = learning;
    this.sieve = new AliasSieve(clock);
    this.replies = new SieveReplies(directory, () -> outbox, clock, hostname);
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
      decision.vacation().ifPresent(v -> replies.vacation(route.address(), v, raw, id));
      if (filesIntoJunk(decision)) {
        // ADR 0255: the user's own rule says this is spam; the MX holds the plaintext now.
        learning.learn(SpamLearning.Lesson.SPAM, route.vaultId(), raw);
      }
    }
    if (!rejected.isEmpty() && !current.mailFrom.isEmpty()) {
      // RFC 5429 §2.1.2: the message was accepted for another recipient, so the refusal is told.
      replies.rejectionNotice(current.mailFrom, rejected, raw, id);
    }
  }

  /**
   * Whether a copy is filed by name into the folder spam goes to: "Junk", as the vault names it, or
   * "Spam". The vault is closed at the MX, so its attributes cannot be asked.
   */
  static boolean filesIntoJunk(SieveDecision decision) {
    return decision.filings().stream()
        .map(f -> f.folder().orElse("").toLowerCase(Locale.ROOT))
        .anyMatch(name -> name.equals("junk") || name.equals("spam"));
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
}
