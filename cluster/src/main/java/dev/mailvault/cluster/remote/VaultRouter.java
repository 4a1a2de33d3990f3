package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.core.error.MailvaultException;

/** Which primary serves a vault: implemented by the server from the placement table. */
public interface VaultRouter {

  /** The owner's channel; may assign an owner to a vault that has none. */
  RpcChannel route(String vaultId) throws MailvaultException;

  /** The owner changed or is gone: look it up again next time. */
  void invalidate(String vaultId);

  /** Any primary, for the outbox. */
  RpcChannel anyPrimary() throws MailvaultException;
}
