package dev.mailvault.protocol.net;

import io.netty.channel.socket.SocketChannel;

/**
 * Puts a protocol's own handlers on a new connection's pipeline, after the runtime has added TLS
 * (for an implicit-TLS port) and before it adds the PROXY protocol reader, which goes first.
 */
@FunctionalInterface
public interface ConnectionSetup {

  /**
   * Runs on the connection's event loop, once, for a connection under the server's ceiling.
   *
   * @param implicitTls whether the connection came in on the implicit-TLS port
   */
  void install(SocketChannel channel, boolean implicitTls);
}
