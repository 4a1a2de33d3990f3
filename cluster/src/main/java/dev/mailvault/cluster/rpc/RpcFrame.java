package dev.mailvault.cluster.rpc;

/**
 * One binary WebSocket message of the RPC protocol (ADR 0276); {@link RpcCodec} reads and writes
 * it.
 */
sealed interface RpcFrame {

  /** A call: {@code id} chosen by the caller, unique among its calls in flight. */
  record Request(long id, String method, byte[] payload) implements RpcFrame {}

  /** The answer to request {@code id}. */
  record Response(long id, byte[] payload) implements RpcFrame {}

  /** Request {@code id} refused: {@code message} may be null (nothing described the cause). */
  record Failure(long id, String kind, String message) implements RpcFrame {}

  /** A server-initiated message on {@code stream}. */
  record Push(String stream, byte[] payload) implements RpcFrame {}
}
