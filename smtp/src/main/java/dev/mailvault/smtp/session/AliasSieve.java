package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.sieve.SieveAction;
import dev.mailvault.core.sieve.SieveEnvelope;
import dev.mailvault.core.sieve.SieveEnvironment;
import dev.mailvault.core.sieve.SieveMessage;
import dev.mailvault.core.sieve.SieveOutcome;
import dev.mailvault.core.sieve.SieveRuntimeException;
import dev.mailvault.core.sieve.SieveScript;
import dev.mailvault.core.sieve.SieveSyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an alias's active Sieve script on a message at the MX, while it is in memory and before it
 * is sealed (ADR 0252). A script that fails, at compile or run time, keeps the message in INBOX
 * (RFC 5228 §2.10.6: the implicit keep), never loses it. The MX uses it, and so do the queue's
 * deliveries to local aliases. Compiled scripts are kept by their text, so a busy alias's script is
 * parsed once, not per message.
 */
public final class AliasSieve {

  private static final Logger LOG = LoggerFactory.getLogger(AliasSieve.class);

  /**
   * Scripts kept compiled: the busiest aliases' on a node, bounded (a 64 KiB script is the most).
   */
  private static final int CACHED_SCRIPTS = 128;

  private final Clock clock;
  private final Map<String, Optional<SieveScript>> compiled =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<SieveScript>> eldest) {
          return size() > CACHED_SCRIPTS;
        }
      };

  public AliasSieve(Clock clock) {
    this.clock = clock;
  }

  /**
   * Runs {@code source} on the message.
   *
   * @param alias the alias the script belongs to
   * @param rcptTo the forward-path that reached the alias (with its {@code +detail}, if any)
   * @param mailFrom the reverse-path, empty for a bounce
   * @param raw the message as it will be stored
   */
  public SieveDecision decide(
      String source, String alias, String rcptTo, String mailFrom, byte[] raw) {
    Optional<SieveScript> script = compiled(source);
    if (script.isEmpty()) {
      return SieveDecision.KEEP;
    }
    SieveOutcome outcome;
    try {
      outcome =
          script
              .get()
              .evaluate(
                  SieveMessage.of(raw, new SieveEnvelope(mailFrom, rcptTo, alias)),
                  SieveEnvironment.of(clock, clock.getZone(), alias, Set.of(rcptTo)));
    } catch (SieveRuntimeException | RuntimeException e) {
      // RFC 5228 §2.10.6: a run-time error cancels every action and keeps the message.
      LOG.info("sieve script failed at run time, message kept: {}", e.getClass().getSimpleName());
      return SieveDecision.KEEP;
    }
    return decision(outcome);
  }

  private synchronized Optional<SieveScript> compiled(String source) {
    return compiled.computeIfAbsent(source, AliasSieve::compile);
  }

  private static Optional<SieveScript> compile(String source) {
    try {
      return Optional.of(SieveScript.compile(source));
    } catch (SieveSyntaxException e) {
      // Scripts are checked when stored; one that no longer compiles (a newer, stricter build)
      // must not cost mail.
      LOG.warn("active sieve script does not compile, messages kept in INBOX: line {}", e.line());
      return Optional.empty();
    }
  }

  private static SieveDecision decision(SieveOutcome outcome) {
    List<Filing> filings = new ArrayList<>();
    List<String> redirects = new ArrayList<>();
    Optional<String> rejection = Optional.empty();
    Optional<SieveAction.Vacation> vacation = Optional.empty();
    for (SieveAction action : outcome.actions()) {
      // Java 17 has no pattern matching for switch; discard adds nothing (RFC 5228 §4.4).
      if (action instanceof SieveAction.Keep keep) {
        filings.add(new Filing(Optional.empty(), false, flags(keep.flags())));
      } else if (action instanceof SieveAction.FileInto into) {
        filings.add(new Filing(Optional.of(into.folder()), into.create(), flags(into.flags())));
      } else if (action instanceof SieveAction.Redirect redirect) {
        redirects.add(redirect.address());
      } else if (action instanceof SieveAction.Reject reject) {
        rejection = Optional.of(reject.reason());
      } else if (action instanceof SieveAction.Vacation reply) {
        vacation = Optional.of(reply);
      }
    }
    return new SieveDecision(filings, redirects, rejection, vacation);
  }

  /**
   * IMAP flags from what a script set (RFC 5232 §3): system flags by name, anything else a keyword
   * when it is a valid IMAP atom; {@code \Recent} and other names no message can carry are dropped.
   */
  static Flags flags(Set<String> names) {
    Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    SortedSet<String> keywords = new TreeSet<>();
    for (String name : names) {
      Optional<SystemFlag> named = SystemFlag.fromImapName(name);
      if (named.isPresent()) {
        system.add(named.get());
      } else if (!name.startsWith("\\")) {
        try {
          Flags.NONE.withKeywords(name);
          keywords.add(name);
        } catch (IllegalArgumentException notAnAtom) {
          // RFC 5232 §3: a flag the store cannot keep is ignored.
        }
      }
    }
    return new Flags(system, keywords);
  }
}
