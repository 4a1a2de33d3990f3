package dev.mailvault.core.sieve;

import dev.mailvault.core.sieve.SieveAction.Discard;
import dev.mailvault.core.sieve.SieveAction.FileInto;
import dev.mailvault.core.sieve.SieveAction.Keep;
import dev.mailvault.core.sieve.SieveAction.Redirect;
import dev.mailvault.core.sieve.SieveAction.Reject;
import dev.mailvault.core.sieve.SieveAction.Vacation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The actions of one evaluation as they are taken, and the final list of RFC 5228 §2.10: repeats
 * collapsed (§2.10.3), the implicit keep added unless cancelled (§2.10.2), conflicts refused.
 */
final class ActionList {

  /** The most actions one evaluation may take (redirects included). */
  static final int MAX_ACTIONS = 32;

  private final List<SieveAction> actions = new ArrayList<>();
  private boolean implicitKeep = true;
  private boolean discarded;

  void keep(Set<String> flags) throws SieveRuntimeException {
    implicitKeep = false;
    for (SieveAction a : actions) {
      if (a instanceof Keep) {
        return;
      }
    }
    add(new Keep(flags));
  }

  void fileInto(String folder, Set<String> flags, boolean create, boolean copy)
      throws SieveRuntimeException {
    implicitKeep &= copy;
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) instanceof FileInto f && f.folder().equals(folder)) {
        if (create && !f.create()) {
          actions.set(i, new FileInto(folder, f.flags(), true));
        }
        return;
      }
    }
    add(new FileInto(folder, flags, create));
  }

  void redirect(String address, boolean copy) throws SieveRuntimeException {
    implicitKeep &= copy;
    for (SieveAction a : actions) {
      if (a instanceof Redirect r && r.address().equalsIgnoreCase(address)) {
        return;
      }
    }
    add(new Redirect(address));
  }

  void reject(String reason, boolean extended) throws SieveRuntimeException {
    implicitKeep = false;
    add(new Reject(reason, extended));
  }

  void discard() {
    implicitKeep = false;
    discarded = true;
  }

  void vacation(Vacation vacation) throws SieveRuntimeException {
    for (SieveAction a : actions) {
      if (a instanceof Vacation) {
        // RFC 5230 §4.7: at most one vacation per evaluation.
        throw new SieveRuntimeException("vacation used twice");
      }
    }
    add(vacation);
  }

  /** Whether the implicit keep is still in force (the {@code :copy} semantics of RFC 3894). */
  boolean implicitKeep() {
    return implicitKeep;
  }

  SieveOutcome finish(Set<String> implicitFlags) throws SieveRuntimeException {
    checkConflicts();
    List<SieveAction> out = new ArrayList<>(actions);
    boolean rejected = out.stream().anyMatch(Reject.class::isInstance);
    if (implicitKeep && !rejected && out.stream().noneMatch(Keep.class::isInstance)) {
      out.add(new Keep(implicitFlags));
    }
    boolean storedSomewhere =
        out.stream().anyMatch(a -> a instanceof Keep || a instanceof FileInto);
    if (discarded && !storedSomewhere && !rejected) {
      out.add(new Discard());
    }
    return new SieveOutcome(out);
  }

  // RFC 5429 §2.1/§2.2: reject and ereject exclude keep, fileinto, vacation and each other.
  private void checkConflicts() throws SieveRuntimeException {
    long rejects = actions.stream().filter(Reject.class::isInstance).count();
    if (rejects == 0) {
      return;
    }
    if (rejects > 1) {
      throw new SieveRuntimeException("reject used twice");
    }
    for (SieveAction a : actions) {
      if (a instanceof Keep || a instanceof FileInto || a instanceof Vacation) {
        throw new SieveRuntimeException(
            "reject cannot be combined with "
                + a.getClass().getSimpleName().toLowerCase(Locale.ROOT));
      }
    }
  }

  private void add(SieveAction action) throws SieveRuntimeException {
    if (actions.size() >= MAX_ACTIONS) {
      throw new SieveRuntimeException("more than " + MAX_ACTIONS + " actions");
    }
    actions.add(action);
  }
}
