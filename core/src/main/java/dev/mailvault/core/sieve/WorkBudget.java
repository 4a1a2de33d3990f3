package dev.mailvault.core.sieve;

/**
 * The matching work one evaluation may do, counted in characters compared, not timed, so that it
 * does not depend on the machine's load (as SEARCH X-REGEX counts, ADR 0221). Each comparison of a
 * value with a key is charged before it runs: the value's length, times {@code 1 + key length / 32}
 * for {@code :matches} and {@code :regex}. A script that would pass the bound (a thousand keys
 * against a large body) ends in a runtime error and the message is kept.
 */
final class WorkBudget {

  /** About a second of matching; a 20-rule script on a 1 MiB message uses a few percent. */
  static final long MAX_WORK = 1L << 30;

  private long spent;

  void charge(String type, String value, String key) throws SieveRuntimeException {
    long cost = value.length() + 1L;
    if (type.equals("matches") || type.equals("regex")) {
      cost *= 1 + key.length() / 32;
    }
    spent += cost;
    if (spent > MAX_WORK) {
      throw new SieveRuntimeException("matching work bound passed");
    }
  }
}
