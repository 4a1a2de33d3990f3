package dev.mailvault.server.http;

import dev.mailvault.server.config.ConfigException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;

/** The HTTP listener: health, readiness and metrics now; the admin API and web UI later. */
public final class HttpListener implements AutoCloseable {

  /** Requests carry no body yet; anything larger than this is refused by the aggregator. */
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private static final int READ_TIMEOUT_SECONDS = 30;

  private final Channel channel;

  private HttpListener(Channel channel) {
    this.channel = channel;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) on the given event loops.
   *
   * @throws ConfigException when the address cannot be bound (in use, not local, not permitted)
   */
  public static HttpListener start(EventLoopGroup group, String host, int port, HealthCheck health)
      throws InterruptedException, ConfigException {
    return start(group, host, port, health, null, null);
  }

  /**
   * Binds {@code host:port} serving {@code /healthz}, {@code /readyz} and {@code /metrics}.
   *
   * @param readiness the answer of {@code /readyz}; null for a listener without it (404)
   * @param metrics the text of {@code /metrics}; null for a listener without it (404)
   * @throws ConfigException when the address cannot be bound (in use, not local, not permitted)
   */
  public static HttpListener start(
      EventLoopGroup group,
      String host,
      int port,
      HealthCheck health,
      HealthCheck readiness,
      MetricsSource metrics)
      throws InterruptedException, ConfigException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(new HttpRequestHandler(health, readiness, metrics));
                  }
                });
    ChannelFuture bound = bootstrap.bind(host, port).await();
    if (!bound.isSuccess()) {
      throw new ConfigException(
          "cannot listen for HTTP on " + host + ":" + port + ": " + bound.cause().getMessage());
    }
    return new HttpListener(bound.channel());
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
