package dev.mailvault.store.spool;

import java.io.IOException;

/**
 * A spool put refused at the fence: this primary's lease is not valid (docs/adr/0281-fencing.md).
 * Nothing of the item remains. An {@link IOException}, as every failed put is: the MX answers with
 * a temporary failure and the sender retries.
 */
public final class SpoolFencedException extends IOException {

  private static final long serialVersionUID = 1L;

  public SpoolFencedException() {
    super("this primary's lease has lapsed; the item was not spooled");
  }
}
