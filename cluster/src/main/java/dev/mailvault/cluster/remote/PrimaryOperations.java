package dev.mailvault.cluster.remote;

import dev.mailvault.core.error.MailvaultException;

/**
 * A primary's named operations beyond mail (backups, the queue, vault files, exports), which a
 * front-end's web features and a primary's own CLI share (ADR 0286). The cluster carries the
 * request and the answer as opaque bytes: their format (the admin channel's JSON) is the server's.
 */
@FunctionalInterface
public interface PrimaryOperations {

  /** What a request is about, as the call that carried it says. */
  enum Scope {
    /** One vault, and the primary owns it: the owner check has passed. */
    VAULT,
    /** The primary itself (its queue, its open vaults); no owner check applies. */
    NODE
  }

  /** A primary that offers none: every request is refused as unsupported. */
  PrimaryOperations NONE =
      (scope, vaultId, request) -> {
        throw new UnsupportedOperationException("this primary offers no operations");
      };

  /**
   * Runs one request that came in {@code scope}. An operation not meant for that scope, or one
   * about another vault than {@code vaultId}, must be refused, so a request routed the wrong way
   * cannot skip the owner check. A refusal the caller should see (a wrong password, an unknown
   * item) is part of the answer, not an exception.
   *
   * @param vaultId in {@link Scope#VAULT}, the vault the call was routed by, which this primary
   *     owns; empty in {@link Scope#NODE}
   */
  byte[] run(Scope scope, String vaultId, byte[] request) throws MailvaultException;
}
