package dev.mailvault.server.dns;

/**
 * What {@code domain dns --check} found for one required record.
 *
 * @param kind ok, missing, wrong or unknown (DNS did not answer)
 * @param found what DNS holds, for {@code wrong}; the error, for {@code unknown}
 */
public record Verdict(Kind kind, String found) {

  /** The possible findings. */
  public enum Kind {
    OK,
    MISSING,
    WRONG,
    UNKNOWN
  }

  public static final Verdict OK = new Verdict(Kind.OK, "");
  public static final Verdict MISSING = new Verdict(Kind.MISSING, "");

  public static Verdict wrong(String found) {
    return new Verdict(Kind.WRONG, found);
  }

  public static Verdict unknown(String why) {
    return new Verdict(Kind.UNKNOWN, why);
  }

  /** {@code ok}, {@code missing}, {@code wrong (found: ...)} or {@code unknown (...)}. */
  @Override
  public String toString() {
    return switch (kind) {
      case OK -> "ok";
      case MISSING -> "missing";
      case WRONG -> "wrong (found: " + found + ")";
      case UNKNOWN -> "unknown (" + found + ")";
    };
  }
}
