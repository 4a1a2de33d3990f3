package dev.mailvault.cluster.rpc;

import dev.mailvault.cluster.ca.ClusterCa;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a peer at {@code host:port}, made on first use and remade with {@link Backoff}
 * whenever it is lost, until {@link #close()}.
 *
 * <p>Concurrency: a call registers its id in {@code pending}, arms its deadline on the connection's
 * event loop and writes from the calling thread; whoever removes the id from {@code pending} first
 * (the response, the deadline, a failed write, the loss of the connection) completes the future, so
 * it completes once and a late response finds nothing. Futures complete on the {@code callbacks}
 * executor, never on an event loop. Push listeners run on the event loop, one frame at a time,
 * before any later response's future is completed. Connection state ({@code current}, {@code
 * connecting}) changes under {@code this}.
 */
final class RpcClientChannel implements RpcChannel {

  private static final Logger LOG = LoggerFactory.getLogger(RpcClientChannel.class);

  /** Calls waiting for an answer on one connection; beyond it a call fails at once. */
  static final int MAX_IN_FLIGHT = 4096;

  /** A ping after this long without writing; a silent peer gets one each such period. */
  static final Duration PING_INTERVAL = Duration.ofSeconds(5);

  /** Read-idle periods in a row after which the peer is taken for dead (15 s by default). */
  static final int SILENT_PERIODS = 3;

  static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final String address;
  private final String host;
  private final int port;
  private final Bootstrap bootstrap;
  private final EventLoopGroup loops;
  private final Duration deadline;
  private final Executor callbacks;
  private final int maxFrameBytes;
  private final Backoff backoff = new Backoff(ThreadLocalRandom.current());
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<byte[]>>> pushListeners = new ConcurrentHashMap<>();
  private final List<Runnable> disconnectActions = new CopyOnWriteArrayList<>();

  private volatile Channel live;
  private volatile String peerName;
  private volatile boolean closed;
  private Channel current;
  private boolean connecting;
  private boolean warned;

  /**
   * Completes when the connection being made is up; calls made meanwhile wait for it (within their
   * deadline) instead of failing, so the first call to a peer, or one made while a reconnection is
   * under way, is carried. Replaced whenever a connection is lost; guarded by this.
   */
  private CompletableFuture<Void> ready = new CompletableFuture<>();

  private record Pending(CompletableFuture<byte[]> future, ScheduledFuture<?>[] timer) {}

  RpcClientChannel(
      String address,
      String host,
      int port,
      EventLoopGroup loops,
      SslContext tls,
      Duration deadline,
      Executor callbacks,
      int maxFrameBytes,
      Duration pingInterval) {
    this.address = address;
    this.host = host;
    this.port = port;
    this.loops = loops;
    this.deadline = deadline;
    this.callbacks = callbacks;
    this.maxFrameBytes = maxFrameBytes;
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(URI.create("wss://" + hostForUri(host) + ":" + port + RpcServer.PATH))
            .maxFramePayloadLength(maxFrameBytes)
            .allowExtensions(false)
            .handshakeTimeoutMillis(RpcServer.HANDSHAKE_TIMEOUT_MILLIS)
            .dropPongFrames(true)
            .build();
    this.bootstrap =
        new Bootstrap()
            .group(loops)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                    ssl.setHandshakeTimeoutMillis(RpcServer.HANDSHAKE_TIMEOUT_MILLIS);
                    ch.pipeline()
                        .addLast("tls", ssl)
                        .addLast(
                            "idle",
                            new IdleStateHandler(
                                pingInterval.toMillis(),
                                pingInterval.toMillis(),
                                0,
                                TimeUnit.MILLISECONDS))
                        .addLast("http", new HttpClientCodec())
                        .addLast("upgrade", new HttpObjectAggregator(8192))
                        .addLast("websocket", new WebSocketClientProtocolHandler(config))
                        .addLast("messages", new WebSocketFrameAggregator(maxFrameBytes))
                        .addLast("rpc", new Handler());
                  }
                });
  }

  private static String hostForUri(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  /** Starts a connection unless one is up or being made. */
  void connect() {
    ChannelFuture attempt;
    synchronized (this) {
      if (closed || connecting) {
        return;
      }
      connecting = true;
      try {
        attempt = bootstrap.connect(host, port);
      } catch (RuntimeException e) {
        connecting = false;
        return;
      }
      current = attempt.channel();
    }
    Channel channel = attempt.channel();
    channel.closeFuture().addListener(f -> lost(channel));
  }

  private void lost(Channel channel) {
    boolean wasLive;
    synchronized (this) {
      wasLive = live == channel;
      if (wasLive) {
        live = null;
      }
      if (current == channel) {
        current = null;
        connecting = false;
      }
    }
    // Calls waiting for this connection hear at once that it is gone (a no-op when it was up);
    // the next attempt gets a new future, so nobody waits on through the back-off.
    CompletableFuture<Void> failed;
    synchronized (this) {
      failed = ready;
      ready = new CompletableFuture<>();
    }
    failed.completeExceptionally(new RpcUnavailableException("not connected to " + peer()));
    failAll("the connection to " + peer() + " was lost");
    if (wasLive) {
      LOG.info("cluster rpc connection to {} lost", peer());
      for (Runnable action : disconnectActions) {
        runCallback(action);
      }
    }
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    long delay;
    synchronized (this) {
      if (closed) {
        return;
      }
      delay = backoff.nextMillis();
    }
    try {
      loops.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The event loops are shutting down: so is the node.
    }
  }

  private void established(Channel channel) {
    String name = null;
    try {
      X509Certificate peerCert =
          (X509Certificate)
              channel
                  .pipeline()
                  .get(SslHandler.class)
                  .engine()
                  .getSession()
                  .getPeerCertificates()[0];
      name = ClusterCa.commonName(peerCert);
    } catch (Exception e) {
      LOG.warn("cluster rpc peer at {} has no usable certificate name", address);
      channel.close();
      return;
    }
    synchronized (this) {
      if (closed || current != channel) {
        channel.close();
        return;
      }
      peerName = name;
      live = channel;
      backoff.reset();
      warned = false;
    }
    CompletableFuture<Void> up;
    synchronized (this) {
      up = ready;
    }
    up.complete(null);
    LOG.info("cluster rpc connected to {} at {}", name, address);
  }

  /** The verified node name; until a first connection has verified one, the address. */
  @Override
  public String peer() {
    String name = peerName;
    return name == null ? address : name;
  }

  @Override
  public CompletableFuture<byte[]> call(String method, byte[] payload) {
    if (payload.length > maxFrameBytes - RpcCodec.MAX_HEADER_BYTES) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("an RPC payload is larger than one frame"));
    }
    Channel channel = live;
    if (closed) {
      return unavailable("not connected to " + peer());
    }
    if (channel == null || !channel.isActive()) {
      CompletableFuture<Void> up;
      synchronized (this) {
        up = connecting ? ready : null;
      }
      if (up == null) {
        // Between attempts (back-off): the client hears at once that the peer is away.
        return unavailable("not connected to " + peer());
      }
      // A copy: a waiter whose deadline passes must not complete the future others wait on.
      return up.copy()
          .orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS)
          .handle(
              (ok, failure) -> {
                if (failure != null) {
                  return RpcClientChannel.<byte[]>unavailable("not connected to " + peer());
                }
                Channel now = live;
                if (now == null || !now.isActive()) {
                  return RpcClientChannel.<byte[]>unavailable("not connected to " + peer());
                }
                return call(method, payload);
              })
          .thenCompose(f -> f);
    }
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      return unavailable("too many calls in flight to " + peer());
    }
    long id = ids.incrementAndGet();
    Pending call = new Pending(new CompletableFuture<>(), new ScheduledFuture<?>[1]);
    pending.put(id, call);
    ByteBuf bytes;
    try {
      bytes = RpcCodec.encode(channel.alloc(), new RpcFrame.Request(id, method, payload));
      call.timer()[0] =
          channel
              .eventLoop()
              .schedule(
                  () ->
                      fail(
                          id,
                          "no answer from " + peer() + " within " + deadline.toMillis() + " ms"),
                  deadline.toNanos(),
                  TimeUnit.NANOSECONDS);
    } catch (IllegalArgumentException e) {
      remove(id);
      return CompletableFuture.failedFuture(e);
    } catch (RejectedExecutionException e) {
      remove(id);
      return unavailable("not connected to " + peer());
    }
    channel
        .writeAndFlush(new BinaryWebSocketFrame(bytes))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                fail(id, "the connection to " + peer() + " was lost");
              }
            });
    return call.future();
  }

  private static <T> CompletableFuture<T> unavailable(String message) {
    return CompletableFuture.failedFuture(new RpcUnavailableException(message));
  }

  private Pending remove(long id) {
    Pending call = pending.remove(id);
    if (call != null) {
      inFlight.decrementAndGet();
      ScheduledFuture<?> timer = call.timer()[0];
      if (timer != null) {
        timer.cancel(false);
      }
    }
    return call;
  }

  private void fail(long id, String message) {
    Pending call = remove(id);
    if (call != null) {
      RpcUnavailableException failure = new RpcUnavailableException(message);
      runCallback(() -> call.future().completeExceptionally(failure));
    }
  }

  private void failAll(String message) {
    for (Long id : pending.keySet()) {
      fail(id, message);
    }
  }

  private void answered(RpcFrame frame) {
    if (frame instanceof RpcFrame.Response response) {
      Pending call = remove(response.id());
      if (call != null) {
        runCallback(() -> call.future().complete(response.payload()));
      }
    } else {
      RpcFrame.Failure failure = (RpcFrame.Failure) frame;
      Pending call = remove(failure.id());
      if (call != null) {
        RpcRemoteException refused = new RpcRemoteException(failure.kind(), failure.message());
        runCallback(() -> call.future().completeExceptionally(refused));
      }
    }
  }

  private void pushed(RpcFrame.Push push) {
    List<Consumer<byte[]>> listeners = pushListeners.get(push.stream());
    if (listeners == null) {
      return;
    }
    for (Consumer<byte[]> listener : listeners) {
      try {
        listener.accept(push.payload());
      } catch (RuntimeException e) {
        LOG.warn("cluster rpc push listener failed: {}", e.getClass().getName());
      }
    }
  }

  private void runCallback(Runnable action) {
    Runnable guarded =
        () -> {
          try {
            action.run();
          } catch (RuntimeException e) {
            LOG.warn("cluster rpc callback failed: {}", e.getClass().getName());
          }
        };
    try {
      callbacks.execute(guarded);
    } catch (RejectedExecutionException e) {
      guarded.run();
    }
  }

  @Override
  public Subscription onPush(String stream, Consumer<byte[]> listener) {
    List<Consumer<byte[]>> listeners =
        pushListeners.computeIfAbsent(stream, s -> new CopyOnWriteArrayList<>());
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public Subscription onDisconnect(Runnable action) {
    disconnectActions.add(action);
    return () -> disconnectActions.remove(action);
  }

  @Override
  public boolean isOpen() {
    Channel channel = live;
    return channel != null && channel.isActive();
  }

  /** Calls waiting for an answer now (for tests of the deadline's bookkeeping). */
  int inFlight() {
    return inFlight.get();
  }

  /** Ends the connection for good; calls in flight fail. */
  void close() {
    Channel channel;
    synchronized (this) {
      closed = true;
      channel = current;
    }
    if (channel != null) {
      channel.close();
    }
    failAll("the cluster RPC client is closed");
  }

  /** The connection's inbound end, on its event loop. */
  private final class Handler extends ChannelInboundHandlerAdapter {

    private int silentPeriods;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        established(ctx.channel());
      } else if (evt
          == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        ctx.close();
      } else if (evt instanceof IdleStateEvent idle) {
        idle(ctx, idle);
      } else {
        super.userEventTriggered(ctx, evt);
      }
    }

    private void idle(ChannelHandlerContext ctx, IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        silentPeriods = idle.isFirst() ? 1 : silentPeriods + 1;
        if (silentPeriods >= SILENT_PERIODS) {
          LOG.warn("cluster rpc peer {} stopped answering; closing", peer());
          ctx.close();
          return;
        }
      }
      if (live == ctx.channel()) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (!(msg instanceof BinaryWebSocketFrame frame)) {
          return;
        }
        RpcFrame decoded;
        try {
          decoded = RpcCodec.decode(frame.content());
        } catch (RpcProtocolException e) {
          LOG.warn("cluster rpc peer {} sent a bad message: {}", peer(), e.getMessage());
          ctx.close();
          return;
        }
        if (decoded instanceof RpcFrame.Push push) {
          pushed(push);
        } else if (decoded instanceof RpcFrame.Request) {
          LOG.warn("cluster rpc peer {} sent a request to a client", peer());
          ctx.close();
        } else {
          answered(decoded);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      boolean first;
      synchronized (RpcClientChannel.this) {
        first = !warned;
        warned = true;
      }
      if (first) {
        LOG.warn("cluster rpc connection to {} failed: {}", address, cause.getClass().getName());
      }
      ctx.close();
    }
  }
}
