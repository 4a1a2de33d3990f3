package dev.mailvault.server.http;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.web.WebDispatcher;
import dev.mailvault.server.web.WebEntry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;

/**
 * An HTTP or HTTPS listener (ADR 0258): health, readiness and metrics answered on the event loop,
 * everything else (API, pages, autoconfiguration) handed to the web dispatcher.
 */
public final class HttpListener implements AutoCloseable {

  /** The largest request (API bodies, forms); anything larger is refused by the aggregator. */
  private static final int MAX_REQUEST_BYTES = 1024 * 1024;

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
    return start(group, host, port, null, health, readiness, metrics, null);
  }

  /**
   * Binds {@code host:port} serving the built-in endpoints and, when {@code web} is given, every
   * other path through it.
   *
   * @param tls the certificate and groups of the mail listeners for HTTPS; null for plain HTTP
   * @param web the web dispatcher; null answers 404 for anything but the built-in endpoints
   */
  public static HttpListener start(
      EventLoopGroup group,
      String host,
      int port,
      SslContext tls,
      HealthCheck health,
      HealthCheck readiness,
      MetricsSource metrics,
      WebDispatcher web)
      throws InterruptedException, ConfigException {
    WebEntry entry = web == null ? null : new WebEntry(web, tls != null);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(new HttpRequestHandler(health, readiness, metrics, entry));
                  }
                });
    ChannelFuture bound = bootstrap.bind(host, port).await();
    if (!bound.isSuccess()) {
      throw new ConfigException(
          "cannot listen for "
              + (tls == null ? "HTTP" : "HTTPS")
              + " on "
              + host
              + ":"
              + port
              + ": "
              + bound.cause().getMessage());
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
