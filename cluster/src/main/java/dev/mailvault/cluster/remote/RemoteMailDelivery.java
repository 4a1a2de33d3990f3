package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.cluster.rpc.RpcRemoteException;
import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.error.MailvaultException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MailDelivery} on a front-end: the primary that owns each recipient's vault writes the
 * message (live into an open vault or sealed into its spool) before the caller answers 250.
 *
 * <p>Recipients are grouped by owner, one call per owner in the order of first appearance; each
 * call is all-or-none as {@code LocalDelivery} is. A failure after an earlier owner accepted its
 * share is a temporary failure: the client's retry may bring those recipients a second copy, which
 * RFC 5321 §6.1 prefers to a loss (docs/adr/0279-remote-failover-and-delivery.md). A primary that
 * no longer owns a vault refuses before writing, so those recipients are routed again, once.
 */
public final class RemoteMailDelivery implements MailDelivery {

  private final VaultRouter router;

  public RemoteMailDelivery(VaultRouter router) {
    this.router = router;
  }

  @Override
  public void deliver(Incoming message, List<Recipient> recipients) throws MailvaultException {
    List<Recipient> pending = recipients;
    boolean someDelivered = false;
    for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
      List<Recipient> refused = new ArrayList<>();
      for (Map.Entry<RpcChannel, List<Recipient>> owner : byOwner(pending).entrySet()) {
        List<Recipient> group = owner.getValue();
        WireWriter out = new WireWriter();
        Codecs.writeIncoming(out, message);
        out.writeList(group, Codecs::writeRecipient);
        try {
          Calls.call(owner.getKey(), Calls.DELIVER, out.toBytes());
          someDelivered = true;
        } catch (RpcRemoteException e) {
          if (Failures.NOT_OWNER.equals(e.kind())) {
            invalidate(group);
            refused.addAll(group);
            continue;
          }
          MailvaultException failure = Failures.local(e);
          throw someDelivered ? partial() : failure;
        } catch (RpcUnavailableException e) {
          invalidate(group);
          throw someDelivered ? partial() : e;
        }
      }
      pending = refused;
    }
    if (!pending.isEmpty()) {
      throw someDelivered
          ? partial()
          : new RpcUnavailableException("the recipients' mailboxes are moving, try again");
    }
  }

  private Map<RpcChannel, List<Recipient>> byOwner(List<Recipient> recipients)
      throws MailvaultException {
    Map<RpcChannel, List<Recipient>> groups = new LinkedHashMap<>();
    for (Recipient recipient : recipients) {
      groups
          .computeIfAbsent(router.route(recipient.vaultId()), c -> new ArrayList<>())
          .add(recipient);
    }
    return groups;
  }

  private void invalidate(List<Recipient> group) {
    for (Recipient recipient : group) {
      router.invalidate(recipient.vaultId());
    }
  }

  private static RpcUnavailableException partial() {
    return new RpcUnavailableException("delivered to some recipients only, try again");
  }
}
