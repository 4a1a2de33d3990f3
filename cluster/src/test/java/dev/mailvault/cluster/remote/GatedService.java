package dev.mailvault.cluster.remote;

import dev.mailvault.cluster.rpc.RpcPeer;
import dev.mailvault.cluster.rpc.RpcService;
import java.util.concurrent.CountDownLatch;

/**
 * A primary whose next request of one method waits at a gate, as a slow disk would make it: a test
 * can lose the connection while the request is being carried out.
 */
final class GatedService implements RpcService {

  private final RpcService service;
  private final String method;
  private volatile CountDownLatch entered;
  private volatile CountDownLatch released;
  private volatile boolean armed;

  GatedService(RpcService service, String method) {
    this.service = service;
    this.method = method;
  }

  void arm() {
    entered = new CountDownLatch(1);
    released = new CountDownLatch(1);
    armed = true;
  }

  void awaitEntered() throws InterruptedException {
    entered.await();
  }

  void release() {
    released.countDown();
  }

  @Override
  public byte[] handle(RpcPeer peer, String method, byte[] payload) throws Exception {
    if (armed && this.method.equals(method)) {
      armed = false;
      entered.countDown();
      released.await();
    }
    return service.handle(peer, method, payload);
  }

  @Override
  public void disconnected(RpcPeer peer) {
    service.disconnected(peer);
  }
}
