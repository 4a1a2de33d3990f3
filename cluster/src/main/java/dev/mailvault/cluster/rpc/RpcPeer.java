package dev.mailvault.cluster.rpc;

/** The calling node of a request, as the serving side sees it: one per connection. */
public interface RpcPeer {

  /** The peer's node name, as its cluster certificate names it. */
  String name();

  /**
   * Queues a push on {@code stream} to the peer, ordered with responses: a push queued before a
   * response is written before it. Never blocks; dropped when the connection is gone.
   */
  void push(String stream, byte[] payload);
}
