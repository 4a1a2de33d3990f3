package dev.mailvault.protocol.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One bound port of a line-based protocol (DESIGN §3, ADR 0191): the only place a listener is
 * bootstrapped. Every connection gets, in this order, the PROXY protocol header reader when the
 * peer is a trusted proxy, TLS on an implicit-TLS port, the handshake's log line, then either the
 * refusal (over the server's ceiling) or the protocol's own handlers; the ceiling's slot is given
 * back when it closes.
 */
public final class ProtocolListener implements AutoCloseable {

  private final Channel channel;

  private ProtocolListener(Channel channel) {
    this.channel = channel;
  }

  /**
   * Binds the port.
   *
   * @throws IOException when it cannot be bound, naming the protocol, the address and the port
   */
  public static ProtocolListener bind(
      EventLoopGroup loops, ListenerSpec spec, ConnectionSetup setup)
      throws IOException, InterruptedException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    accept(channel, spec, setup);
                  }
                });
    ChannelFuture bound = bootstrap.bind(spec.bindAddress(), spec.port()).await();
    if (!bound.isSuccess()) {
      throw new IOException(
          "cannot listen for "
              + spec.protocol().toUpperCase(java.util.Locale.ROOT)
              + " on "
              + spec.bindAddress()
              + ":"
              + spec.port()
              + ": "
              + bound.cause().getMessage());
    }
    return new ProtocolListener(bound.channel());
  }

  private static void accept(SocketChannel channel, ListenerSpec spec, ConnectionSetup setup) {
    if (spec.implicitTls()) {
      channel.pipeline().addLast(StartTls.HANDLER, spec.tls().newHandler(channel.alloc()));
    }
    // One line per completed handshake, implicit or upgraded, with its group (ADR 0196).
    channel.pipeline().addLast("tls-log", new TlsHandshakeLog(spec.protocol()));
    // Counted here, once for every protocol, refused connections included (ADR 0256).
    spec.securityLog().metrics().connectionOpened(spec.protocol());
    channel
        .closeFuture()
        .addListener(closed -> spec.securityLog().metrics().connectionClosed(spec.protocol()));
    if (!spec.ceiling().tryAcquire()) {
      channel
          .pipeline()
          .addLast(
              "refuse",
              new RefuseConnection(spec.protocol(), spec.overCeiling(), spec.securityLog()));
      return;
    }
    channel.closeFuture().addListener(closed -> spec.ceiling().release());
    setup.install(channel, spec.implicitTls());
    // First in the pipeline: the header comes before any TLS record.
    ProxyHeaderReader.installIfTrusted(channel, spec.trustedProxies());
  }

  /** The bound port (the system's choice when 0 was asked). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Stops accepting; connections already open stay open. */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
