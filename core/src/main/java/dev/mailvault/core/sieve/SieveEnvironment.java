package dev.mailvault.core.sieve;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;

/**
 * What a script may know about where it runs: the time ({@code currentdate}, RFC 5260 §5), the
 * user's zone (the default of {@code date}, RFC 5260 §4.1), and the user's own addresses for the
 * vacation checks of RFC 5230 §4.5.
 */
public interface SieveEnvironment {

  Clock clock();

  /** The zone dates are shown in when a script names none. */
  ZoneId zone();

  /** The address of the alias the script belongs to. */
  String myAddress();

  /** Every other address that reaches the same user (its aliases). */
  Set<String> aliasAddresses();

  /**
   * Whether the mailbox exists, for {@code mailboxexists} (RFC 5490 §3.1). The MX runs before the
   * vault is open, so by default every mailbox is unknown and the test is false; a caller that
   * knows the folders overrides this.
   */
  default boolean mailboxExists(String mailbox) {
    return false;
  }

  /** An environment with the given clock, zone and addresses. */
  static SieveEnvironment of(Clock clock, ZoneId zone, String myAddress, Set<String> aliases) {
    Set<String> copy = Set.copyOf(aliases);
    return new SieveEnvironment() {
      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public ZoneId zone() {
        return zone;
      }

      @Override
      public String myAddress() {
        return myAddress;
      }

      @Override
      public Set<String> aliasAddresses() {
        return copy;
      }
    };
  }
}
