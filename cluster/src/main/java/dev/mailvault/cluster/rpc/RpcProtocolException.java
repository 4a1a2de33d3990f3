package dev.mailvault.cluster.rpc;

/** A peer sent a message that is not of the RPC protocol: the connection is closed. */
final class RpcProtocolException extends Exception {

  private static final long serialVersionUID = 1L;

  RpcProtocolException(String message) {
    super(message);
  }
}
