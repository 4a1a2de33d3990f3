package dev.mailvault.cluster.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A service with a few methods for transport tests: {@code echo}, {@code whoami}, {@code notify}
 * (pushes its payload on {@code events}, then answers it), {@code hold} (blocks until {@link
 * #release}), {@code refuse} and {@code crash}.
 */
final class TestService implements RpcService {

  final CountDownLatch held = new CountDownLatch(1);
  final CountDownLatch released = new CountDownLatch(1);
  final Set<RpcPeer> peers =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  final List<String> disconnected = new CopyOnWriteArrayList<>();
  final List<String> methods = new CopyOnWriteArrayList<>();

  @Override
  public byte[] handle(RpcPeer peer, String method, byte[] payload) throws Exception {
    peers.add(peer);
    methods.add(method);
    switch (method) {
      case "echo":
        return payload;
      case "whoami":
        return peer.name().getBytes(StandardCharsets.UTF_8);
      case "notify":
        peer.push("events", payload);
        return payload;
      case "hold":
        held.countDown();
        if (!released.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
        return payload;
      case "refuse":
        throw new RpcRemoteException("not-found", "no such folder");
      case "crash":
        throw new IllegalStateException("secret detail alice@example.com");
      default:
        throw new RpcRemoteException("unknown-method", method);
    }
  }

  @Override
  public void disconnected(RpcPeer peer) {
    disconnected.add(peer.name());
  }

  void release() {
    released.countDown();
  }
}
