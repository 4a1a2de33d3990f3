package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.directory.AliasRoute;
import java.util.List;
import java.util.Map;

/**
 * What the Sieve scripts of one transaction's aliases decided (ADR 0252), by vault id; an alias
 * without a script keeps the message as before.
 */
record SievePlan(Map<String, SieveDecision> decisions) {

  /** A transaction none of whose aliases has a script. */
  static final SievePlan NONE = new SievePlan(Map.of());

  SievePlan {
    decisions = Map.copyOf(decisions);
  }

  SieveDecision of(AliasRoute route) {
    return decisions.getOrDefault(route.vaultId(), SieveDecision.KEEP);
  }

  /**
   * The copies {@code route} keeps: none when its script discarded, rejected or only redirected.
   */
  List<Filing> filings(AliasRoute route) {
    return of(route).filings();
  }

  /** Whether {@code route} keeps the message: stored, or forwarded by its delivery mode. */
  boolean keeps(AliasRoute route) {
    return !of(route).filings().isEmpty();
  }

  /** Whether every alias of the transaction rejected the message and nothing else takes it. */
  boolean allRejected(List<AliasRoute> routes, boolean relays) {
    return !relays && !routes.isEmpty() && routes.stream().allMatch(r -> of(r).rejected());
  }
}
