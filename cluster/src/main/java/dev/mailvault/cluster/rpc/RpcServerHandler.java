package dev.mailvault.cluster.rpc;

import dev.mailvault.cluster.ca.ClusterCa;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's connection on the serving side. Concurrency: frames are decoded on the event loop and
 * each request is handed to the worker executor (a full one is answered {@code busy} at once).
 * Every write (a response from a worker, a push from anywhere) is queued as a task on the
 * connection's event loop, so frames leave in the order they were queued: a push queued before a
 * response is written before it (RpcPeer's contract). {@link RpcService#disconnected} runs once the
 * connection is closed and its last running request has returned, so nothing a request opens after
 * the release is left behind.
 */
final class RpcServerHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(RpcServerHandler.class);

  /** The failure kind of a request that found no free worker. */
  static final String BUSY = "busy";

  private final RpcService service;
  private final Executor workers;
  private final int maxFrameBytes;
  private volatile Peer peer;

  RpcServerHandler(RpcService service, Executor workers, int maxFrameBytes) {
    this.service = service;
    this.workers = workers;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      String name = peerName(ctx.channel());
      if (name == null) {
        ctx.close();
        return;
      }
      peer = new Peer(name, ctx.channel());
    } else if (evt instanceof IdleStateEvent) {
      LOG.info("cluster rpc peer {} silent too long; closing", peer == null ? "-" : peer.name);
      ctx.close();
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof FullHttpRequest) {
        // Anything but the upgrade on /rpc reaches here.
        ctx.writeAndFlush(
                new DefaultFullHttpResponse(
                    ((FullHttpRequest) msg).protocolVersion(), HttpResponseStatus.NOT_FOUND))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      if (!(msg instanceof BinaryWebSocketFrame) || peer == null) {
        if (msg instanceof WebSocketFrame) {
          closeWith(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE);
        }
        return;
      }
      RpcFrame frame;
      try {
        frame = RpcCodec.decode(((BinaryWebSocketFrame) msg).content());
      } catch (RpcProtocolException e) {
        LOG.info("cluster rpc peer {} sent a bad message: {}", peer.name, e.getMessage());
        closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR);
        return;
      }
      if (!(frame instanceof RpcFrame.Request)) {
        LOG.info("cluster rpc peer {} sent a message only a server sends", peer.name);
        closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR);
        return;
      }
      dispatch((RpcFrame.Request) frame);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void dispatch(RpcFrame.Request request) {
    Peer caller = peer;
    caller.running.incrementAndGet();
    try {
      workers.execute(
          () -> {
            try {
              run(caller, request);
            } finally {
              finished(caller);
            }
          });
    } catch (RejectedExecutionException e) {
      caller.send(new RpcFrame.Failure(request.id(), BUSY, "no free worker"));
      finished(caller);
    }
  }

  private void finished(Peer caller) {
    if (caller.running.decrementAndGet() == 0 && caller.closed) {
      release(caller);
    }
  }

  private void run(Peer caller, RpcFrame.Request request) {
    RpcFrame answer;
    try {
      byte[] result = service.handle(caller, request.method(), request.payload());
      if (result.length > maxFrameBytes - RpcCodec.MAX_HEADER_BYTES) {
        LOG.warn("cluster rpc method {}: response too large for one frame", request.method());
        answer = new RpcFrame.Failure(request.id(), RpcRemoteException.INTERNAL, null);
      } else {
        answer = new RpcFrame.Response(request.id(), result);
      }
    } catch (RpcRemoteException e) {
      answer = new RpcFrame.Failure(request.id(), validKind(e.kind()), e.getMessage());
    } catch (Exception | Error e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // The class only: a message may carry an address or a path.
      LOG.warn("cluster rpc method {} failed: {}", request.method(), e.getClass().getName());
      answer = new RpcFrame.Failure(request.id(), RpcRemoteException.INTERNAL, null);
    }
    caller.send(answer);
  }

  private static String validKind(String kind) {
    if (kind == null
        || kind.isEmpty()
        || kind.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            > RpcCodec.MAX_NAME_BYTES) {
      return RpcRemoteException.INTERNAL;
    }
    return kind;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    Peer gone = peer;
    if (gone != null) {
      gone.closed = true;
      if (gone.running.get() == 0) {
        release(gone);
      }
    }
    super.channelInactive(ctx);
  }

  /** Tells the service once that {@code gone} has left, on a worker. */
  private void release(Peer gone) {
    if (!gone.released.compareAndSet(false, true)) {
      return;
    }
    Runnable release =
        () -> {
          try {
            service.disconnected(gone);
          } catch (RuntimeException e) {
            LOG.warn("cluster rpc disconnect of {} failed: {}", gone.name, e.getClass().getName());
          }
        };
    try {
      workers.execute(release);
    } catch (RejectedExecutionException e) {
      // Releasing a peer's vaults must happen even when the pool is full or shut down.
      Thread thread = new Thread(release, "rpc-disconnect");
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("cluster rpc connection closed: {}", cause.getClass().getName());
    ctx.close();
  }

  private static void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
    ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
  }

  /** The CN of the client certificate TLS verified; null when there is none (cannot happen). */
  private static String peerName(Channel channel) {
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    try {
      Certificate[] chain = tls.engine().getSession().getPeerCertificates();
      return ClusterCa.commonName((X509Certificate) chain[0]);
    } catch (SSLPeerUnverifiedException | RuntimeException e) {
      return null;
    }
  }

  /** The serving side's view of the calling node. */
  private static final class Peer implements RpcPeer {
    private final String name;
    private final Channel channel;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;

    Peer(String name, Channel channel) {
      this.name = name;
      this.channel = channel;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void push(String stream, byte[] payload) {
      if (payload.length > RpcCodec.MAX_FRAME_BYTES - RpcCodec.MAX_HEADER_BYTES) {
        throw new IllegalArgumentException("a push is larger than one RPC frame");
      }
      send(new RpcFrame.Push(stream, payload));
    }

    /** Queues {@code frame} behind every frame queued before it; dropped when closed. */
    void send(RpcFrame frame) {
      if (closed || !channel.isActive()) {
        return;
      }
      ByteBuf bytes = RpcCodec.encode(channel.alloc(), frame);
      try {
        channel.eventLoop().execute(() -> channel.writeAndFlush(new BinaryWebSocketFrame(bytes)));
      } catch (RejectedExecutionException e) {
        bytes.release();
      }
    }

    @Override
    public String toString() {
      return "RpcPeer[" + name + "]";
    }
  }
}
