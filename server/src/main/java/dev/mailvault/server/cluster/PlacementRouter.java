package dev.mailvault.server.cluster;

import dev.mailvault.cluster.remote.VaultRouter;
import dev.mailvault.cluster.rpc.RpcChannel;
import dev.mailvault.cluster.rpc.RpcClients;
import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.ClusterRegistry;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.PrimaryStatus;
import dev.mailvault.directory.VaultOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the primary that owns a vault in the placement table (ADR 0280) and the one connection to
 * it. Owners are remembered until a caller says the route went stale (the connection dropped, or
 * the primary no longer owns the vault), so a command costs no directory read.
 */
final class PlacementRouter implements VaultRouter {

  private final ClusterRegistry registry;
  private final RpcClients clients;
  private final Map<String, VaultOwner> owners = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  PlacementRouter(ClusterRegistry registry, RpcClients clients) {
    this.registry = registry;
    this.clients = clients;
  }

  @Override
  public RpcChannel route(String vaultId) throws MailvaultException {
    VaultOwner owner = owners.get(vaultId);
    if (owner == null) {
      try {
        // Assigns an owner when the vault has none or its owner's lease lapsed (a takeover).
        owner = registry.owner(vaultId);
      } catch (DirectoryException e) {
        throw new RpcUnavailableException("no primary can serve this mailbox now");
      }
      owners.put(vaultId, owner);
    }
    return clients.channel(owner.rpcAddress());
  }

  @Override
  public void invalidate(String vaultId) {
    owners.remove(vaultId);
  }

  @Override
  public RpcChannel anyPrimary() throws MailvaultException {
    List<PrimaryStatus> live = live();
    PrimaryStatus chosen = live.get(Math.floorMod(next.getAndIncrement(), live.size()));
    return clients.channel(chosen.rpcAddress());
  }

  @Override
  public List<RpcChannel> livePrimaries() throws MailvaultException {
    List<RpcChannel> channels = new ArrayList<>();
    for (PrimaryStatus primary : live()) {
      channels.add(clients.channel(primary.rpcAddress()));
    }
    return channels;
  }

  private List<PrimaryStatus> live() throws MailvaultException {
    List<PrimaryStatus> live;
    try {
      live = registry.primaries().stream().filter(PrimaryStatus::live).toList();
    } catch (DirectoryException e) {
      throw new RpcUnavailableException("no primary is available now");
    }
    if (live.isEmpty()) {
      throw new RpcUnavailableException("no primary is available now");
    }
    return live;
  }
}
