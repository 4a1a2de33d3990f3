package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.error.MailvaultException;
import java.util.ArrayList;
import java.util.List;

/**
 * A front-end's way to a primary's {@link PrimaryOperations} (ADR 0286): a request about a vault
 * goes to its owner, one about the primaries' own state to each live primary in turn.
 *
 * <p>Requests are not replayed after a lost connection: an operation (a backup, a restore) may have
 * run, and the person who asked sees a temporary failure and decides. A primary that says it does
 * not own the vault refused before doing anything, so that one is routed again, once.
 */
public final class RemoteOperations {

  private final VaultRouter router;

  public RemoteOperations(VaultRouter router) {
    this.router = router;
  }

  /**
   * Runs {@code request} on the primary that owns {@code vaultId} (assigning one to a new vault).
   *
   * @throws RpcUnavailableException when no owner answered
   */
  public byte[] onOwner(String vaultId, byte[] request) throws MailvaultException {
    byte[] payload = new WireWriter().writeString(vaultId).writeBytes(request).toBytes();
    for (int attempt = 0; ; attempt++) {
      try {
        return Calls.call(router.route(vaultId), Calls.OPS_VAULT, payload);
      } catch (RpcRemoteException e) {
        if (Failures.NOT_OWNER.equals(e.kind())) {
          router.invalidate(vaultId);
          if (attempt == 0) {
            continue;
          }
        }
        throw Failures.local(e);
      } catch (RpcUnavailableException e) {
        router.invalidate(vaultId);
        throw e;
      }
    }
  }

  /**
   * Runs {@code request} on every live primary, in the placement table's order.
   *
   * @return each primary's answer
   * @throws RpcUnavailableException when one of them did not answer: a partial view (a queue
   *     without one primary's items) would look complete
   */
  public List<byte[]> onEachPrimary(byte[] request) throws MailvaultException {
    byte[] payload = new WireWriter().writeBytes(request).toBytes();
    List<byte[]> answers = new ArrayList<>();
    for (RpcChannel primary : router.livePrimaries()) {
      try {
        answers.add(Calls.call(primary, Calls.OPS_NODE, payload));
      } catch (RpcRemoteException e) {
        throw Failures.local(e);
      }
    }
    return answers;
  }
}
