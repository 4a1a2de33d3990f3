package dev.mailvault.cluster.rpc;

/**
 * What a node serves to its peers: requests arrive on worker threads (a handler may block on
 * storage), never on an event loop.
 */
public interface RpcService {

  /**
   * Handles one request.
   *
   * @return the response payload
   * @throws RpcRemoteException to refuse with a kind and a message the caller sees; anything else
   *     reaches the caller as kind {@code internal} without its message
   */
  byte[] handle(RpcPeer peer, String method, byte[] payload) throws Exception;

  /** The peer's connection closed: release what it held (open vaults, event listeners). */
  default void disconnected(RpcPeer peer) {}
}
