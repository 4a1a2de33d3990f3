package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A placement table in memory: {@link #place} says who owns a vault, {@link #route} answers from a
 * cache as a front-end does, and {@link #invalidate} forgets the cached answer.
 */
final class TestRouter implements VaultRouter {

  private final RpcChannel fallback;
  volatile RpcChannel any;
  volatile List<RpcChannel> live;
  private final Map<String, RpcChannel> placement = new ConcurrentHashMap<>();
  private final Map<String, RpcChannel> cache = new ConcurrentHashMap<>();
  final List<String> invalidated = new CopyOnWriteArrayList<>();

  TestRouter(RpcChannel fallback) {
    this.fallback = fallback;
    this.any = fallback;
  }

  void place(String vaultId, RpcChannel owner) {
    placement.put(vaultId, owner);
  }

  @Override
  public RpcChannel route(String vaultId) {
    return cache.computeIfAbsent(vaultId, v -> placement.getOrDefault(v, fallback));
  }

  @Override
  public void invalidate(String vaultId) {
    invalidated.add(vaultId);
    cache.remove(vaultId);
  }

  @Override
  public RpcChannel anyPrimary() {
    return any;
  }

  @Override
  public List<RpcChannel> livePrimaries() {
    return live == null ? List.of(any) : live;
  }
}
