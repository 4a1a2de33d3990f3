package dev.mailvault.cluster.rpc;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's connections to its peers (ADR 0276): one {@link RpcChannel} per address, connected on
 * first use and reconnected with back-off while this object is open. Every call fails with {@link
 * RpcUnavailableException} when it is not answered within {@code callDeadline}. Futures of calls
 * complete on a small pool of callback threads, never on an event loop.
 */
public final class RpcClients implements AutoCloseable {

  private final EventLoopGroup loops;
  private final ClusterTls tls;
  private final Duration callDeadline;
  private final int maxFrameBytes;
  private final Duration pingInterval;
  private final Map<String, RpcClientChannel> channels = new ConcurrentHashMap<>();
  private final ExecutorService callbacks;
  private volatile boolean closed;

  public RpcClients(EventLoopGroup loops, ClusterTls tls, Duration callDeadline) {
    this(loops, tls, callDeadline, RpcCodec.MAX_FRAME_BYTES, RpcClientChannel.PING_INTERVAL);
  }

  /** With another frame limit or ping interval, for tests that need not wait 15 s. */
  RpcClients(
      EventLoopGroup loops,
      ClusterTls tls,
      Duration callDeadline,
      int maxFrameBytes,
      Duration pingInterval) {
    if (callDeadline.isNegative() || callDeadline.isZero()) {
      throw new IllegalArgumentException("the call deadline must be positive");
    }
    this.loops = loops;
    this.tls = tls;
    this.callDeadline = callDeadline;
    this.maxFrameBytes = maxFrameBytes;
    this.pingInterval = pingInterval;
    AtomicInteger threads = new AtomicInteger();
    this.callbacks =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "rpc-callback-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * The channel to the node at {@code address} ({@code host:port}, or {@code [v6]:port}); the first
   * use starts connecting, so a call made at once may still fail as unavailable. Its {@code peer()}
   * is the address until a first connection has verified the node's name.
   *
   * @throws IllegalArgumentException when {@code address} is not {@code host:port}
   */
  public RpcChannel channel(String address) {
    if (closed) {
      throw new IllegalStateException("the cluster RPC clients are closed");
    }
    RpcClientChannel channel = channels.computeIfAbsent(address, this::open);
    channel.connect();
    return channel;
  }

  private RpcClientChannel open(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("a cluster address is host:port");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a cluster address is host:port");
    }
    if (port < 1 || port > 65535 || host.isEmpty()) {
      throw new IllegalArgumentException("a cluster address is host:port");
    }
    return new RpcClientChannel(
        address,
        host,
        port,
        loops,
        tls.clientContext(),
        callDeadline,
        callbacks,
        maxFrameBytes,
        pingInterval);
  }

  /** Closes every connection (their calls in flight fail) and stops reconnecting. */
  @Override
  public void close() {
    closed = true;
    for (RpcClientChannel channel : channels.values()) {
      channel.close();
    }
    callbacks.shutdown();
  }
}
