package dev.mailvault.cluster.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving side of cluster RPC (ADR 0276): WebSocket on {@code /rpc} over TLS 1.3 with a client
 * certificate from the cluster CA required. Requests run on {@code workers}, never on an event
 * loop. A connection that sends nothing (not even the client's pings) for {@link #IDLE_SECONDS} is
 * closed.
 */
public final class RpcServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  /** The WebSocket path. */
  static final String PATH = "/rpc";

  /** Three times the client's ping interval: a live client always sends something within it. */
  static final int IDLE_SECONDS = 20;

  static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  /** The upgrade request is a few hundred bytes; nothing else is accepted over HTTP. */
  private static final int MAX_HANDSHAKE_BYTES = 8192;

  private final Channel listener;
  private final ChannelGroup connections;

  private RpcServer(Channel listener, ChannelGroup connections) {
    this.listener = listener;
    this.connections = connections;
  }

  public static RpcServer start(
      EventLoopGroup loops,
      String bind,
      int port,
      ClusterTls tls,
      RpcService service,
      ExecutorService workers)
      throws InterruptedException {
    return start(loops, bind, port, tls, service, workers, RpcCodec.MAX_FRAME_BYTES);
  }

  /** With a smaller frame limit, for tests of the limit that need not send 128 MiB. */
  static RpcServer start(
      EventLoopGroup loops,
      String bind,
      int port,
      ClusterTls tls,
      RpcService service,
      ExecutorService workers,
      int maxFrameBytes)
      throws InterruptedException {
    ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    WebSocketServerProtocolConfig config =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(PATH)
            .checkStartsWith(false)
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
            .decoderConfig(
                WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(maxFrameBytes)
                    .allowExtensions(false)
                    .expectMaskedFrames(true)
                    .closeOnProtocolViolation(true)
                    .build())
            .build();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    SslHandler ssl = tls.serverContext().newHandler(ch.alloc());
                    ssl.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
                    ch.pipeline()
                        .addLast("tls", ssl)
                        .addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                        .addLast("http", new HttpServerCodec())
                        .addLast("upgrade", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES))
                        .addLast("websocket", new WebSocketServerProtocolHandler(config))
                        .addLast("messages", new WebSocketFrameAggregator(maxFrameBytes))
                        .addLast("rpc", new RpcServerHandler(service, workers, maxFrameBytes));
                  }
                });
    Channel listener = bootstrap.bind(bind, port).sync().channel();
    RpcServer server = new RpcServer(listener, connections);
    LOG.info("cluster rpc listening on {}:{}", bind, server.port());
    return server;
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Stops listening and closes every connection; returns once they are closed. */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
