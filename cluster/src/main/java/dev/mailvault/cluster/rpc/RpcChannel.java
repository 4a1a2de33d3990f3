package dev.mailvault.cluster.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One multiplexed, ordered connection to a peer node, as a caller sees it. Requests are
 * asynchronous and may overlap; a peer's pushes and responses arrive in the order it sent them, so
 * a push sent before a response has reached its listener when the response's future completes.
 */
public interface RpcChannel {

  /** The peer's node name, as its cluster certificate names it. */
  String peer();

  /**
   * Sends one request; never blocks.
   *
   * @return the response payload; or fails with {@link RpcUnavailableException} when the connection
   *     is down or the call's deadline passed (a temporary failure: the request may or may not have
   *     been carried out), or with {@link RpcRemoteException} when the peer's service refused it
   */
  CompletableFuture<byte[]> call(String method, byte[] payload);

  /**
   * Hears the peer's pushes on {@code stream}, in order, on one thread; a listener must not block.
   */
  Subscription onPush(String stream, Consumer<byte[]> listener);

  /** Runs {@code action} each time the connection is lost (a reconnection may follow). */
  Subscription onDisconnect(Runnable action);

  /** Whether the connection is up now. */
  boolean isOpen();

  /** Ends a listener; closing twice is harmless. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
