package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.core.error.MailvaultException;
import java.util.List;

/** Which primary serves a vault: implemented by the server from the placement table. */
public interface VaultRouter {

  /** The owner's channel; may assign an owner to a vault that has none. */
  RpcChannel route(String vaultId) throws MailvaultException;

  /** The owner changed or is gone: look it up again next time. */
  void invalidate(String vaultId);

  /** Any primary, for the outbox. */
  RpcChannel anyPrimary() throws MailvaultException;

  /** Every primary whose lease is live, for what each keeps itself (its queue, its open vaults). */
  default List<RpcChannel> livePrimaries() throws MailvaultException {
    return List.of(anyPrimary());
  }
}
