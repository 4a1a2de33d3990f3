package dev.mailvault.core.sieve;

import java.util.List;
import java.util.Set;

/**
 * The final actions of one evaluation, after the rules of RFC 5228 §2.10: the implicit keep is
 * cancelled by {@code fileinto}, {@code redirect}, {@code discard} and {@code reject} without
 * {@code :copy} (RFC 3894 §3), and by an explicit {@code keep}; actions that repeat (a second
 * {@code keep}, {@code fileinto} to the same folder, {@code redirect} to the same address) appear
 * once (§2.10.3).
 *
 * <p>The list is complete: when the implicit keep is in force it appears as a {@link
 * SieveAction.Keep} with the flags of the internal variable (RFC 5232 §3), so the caller just
 * performs every action. {@link SieveAction.Discard} is listed when the message is stored nowhere
 * (no keep, no fileinto) and not rejected; it may come with a redirect or a vacation reply.
 */
public record SieveOutcome(List<SieveAction> actions) {

  public SieveOutcome {
    actions = List.copyOf(actions);
  }

  /** What a script that does nothing, or a script that failed at run time, leads to. */
  public static SieveOutcome keepOnly() {
    return new SieveOutcome(List.of(new SieveAction.Keep(Set.of())));
  }

  /** Whether the message is filed into INBOX, by the implicit keep or by {@code keep}. */
  public boolean implicitKeep() {
    return actions.stream().anyMatch(SieveAction.Keep.class::isInstance);
  }
}
