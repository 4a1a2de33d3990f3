package dev.mailvault.core.access;

import java.util.Objects;

/**
 * One SORT criterion (RFC 5256 §3, RFC 5957 §3): a key, ascending or (REVERSE) descending. Messages
 * equal on every criterion keep their mailbox order.
 */
public record SortCriterion(Key key, boolean reverse) {

  public SortCriterion {
    Objects.requireNonNull(key, "key");
  }

  /** The sort keys. */
  public enum Key {
    /** The internal date. */
    ARRIVAL,
    /** The mailbox of the first Cc address. */
    CC,
    /** The Date header, or the internal date when it has none. */
    DATE,
    /** The mailbox of the first From address. */
    FROM,
    /** RFC822.SIZE. */
    SIZE,
    /** The base subject (RFC 5256 §2.1). */
    SUBJECT,
    /** The mailbox of the first To address. */
    TO,
    /** RFC 5957: the display name of the first From address, or its address. */
    DISPLAYFROM,
    /** RFC 5957: the display name of the first To address, or its address. */
    DISPLAYTO
  }
}
