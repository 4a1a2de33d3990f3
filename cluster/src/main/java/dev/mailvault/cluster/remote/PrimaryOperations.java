package dev.mailvault.cluster.remote;

import dev.mailvault.core.error.MailvaultException;

/**
 * A primary's named operations beyond mail (backups, the queue, vault files, exports), which a
 * front-end's web features and a primary's own CLI share (ADR 0286). The cluster carries the
 * request and the answer as opaque bytes: their format (the admin channel's JSON) is the server's.
 */
@FunctionalInterface
public interface PrimaryOperations {

  /** A primary that offers none: every request is refused as unsupported. */
  PrimaryOperations NONE =
      request -> {
        throw new UnsupportedOperationException("this primary offers no operations");
      };

  /**
   * Runs one request. A refusal the caller should see (a wrong password, an unknown item) is part
   * of the answer, not an exception.
   */
  byte[] run(byte[] request) throws MailvaultException;
}
