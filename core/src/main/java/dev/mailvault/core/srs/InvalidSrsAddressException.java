package dev.mailvault.core.srs;

/** An address that is not a valid SRS address of ours; {@link #reason()} says why. */
public final class InvalidSrsAddressException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why an SRS address was refused. */
  public enum Reason {
    /** Not an SRS0 or SRS1 local part at all. */
    NOT_SRS,
    /** SRS-shaped, but a field is missing. */
    MALFORMED,
    /** The hash does not match: forged, or made under another key. */
    BAD_HASH,
    /** Older than the maximum age (or stamped in the future). */
    EXPIRED
  }

  private final Reason reason;

  InvalidSrsAddressException(Reason reason) {
    super("not a valid SRS address: " + reason.name().toLowerCase(java.util.Locale.ROOT));
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
