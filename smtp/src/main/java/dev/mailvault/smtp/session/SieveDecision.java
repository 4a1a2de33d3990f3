package dev.mailvault.smtp.session;

import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.sieve.SieveAction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an alias's Sieve script decided for one message at the MX (ADR 0252), in the terms the MX
 * acts on.
 *
 * @param filings the copies the alias keeps (keep and fileinto); empty when the script discarded,
 *     rejected or only redirected the message
 * @param redirects the addresses the message is sent on to, unchanged (RFC 5228 §4.2)
 * @param rejection the reason the script refused the message with (RFC 5429), if it did
 * @param vacation the automatic reply the script asked for (RFC 5230), its checks passed
 */
public record SieveDecision(
    List<Filing> filings,
    List<String> redirects,
    Optional<String> rejection,
    Optional<SieveAction.Vacation> vacation) {

  /** An alias without a script, or whose script failed: one copy where the message would go. */
  public static final SieveDecision KEEP =
      new SieveDecision(List.of(Filing.DEFAULT), List.of(), Optional.empty(), Optional.empty());

  public SieveDecision {
    filings = List.copyOf(filings);
    redirects = List.copyOf(redirects);
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(vacation, "vacation");
  }

  public boolean rejected() {
    return rejection.isPresent();
  }

  @Override
  public String toString() {
    // Folders, addresses and reasons are the user's: counts only.
    return "SieveDecision["
        + filings.size()
        + " copies, "
        + redirects.size()
        + " redirects"
        + (rejection.isPresent() ? ", rejected" : "")
        + (vacation.isPresent() ? ", vacation" : "")
        + "]";
  }
}
