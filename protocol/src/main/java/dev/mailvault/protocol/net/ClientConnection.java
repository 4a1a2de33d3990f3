package dev.mailvault.protocol.net;

import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.protocol.exec.SerialExecutor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every protocol's Netty handler for one client does the same way (ADR 0191): the client's
 * address (from the PROXY header when a trusted proxy sent one), the per-address limit and its
 * refusal, the session's {@link SerialExecutor} on the worker pool, reading with back-pressure
 * (reading stops while too many inputs wait for the session), STARTTLS, and closing. A protocol
 * says how its bytes are read ({@link #received}), what happens when the connection is admitted and
 * when it closes; its session never runs on the event loop.
 *
 * <p>Threads: the Netty callbacks and {@link #received} run on the channel's event loop; {@link
 * #write}, {@link #flush} and {@link #close} may be called from the session's worker, and Netty
 * keeps the writes in order.
 */
public abstract class ClientConnection extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

  private final String protocol;
  private final ConnectionLimiter limiter;
  private final SecurityLog securityLog;
  private final Executor workers;
  private final int maxQueued;

  private Channel channel;
  private InetAddress remote;
  private SerialExecutor executor;
  private boolean counted;
  private volatile boolean secure;

  /**
   * @param protocol the protocol's name in the security log
   * @param maxQueued inputs waiting for the session before the connection stops reading (pipelining
   *     back-pressure); reading resumes below a quarter of it
   * @param secure whether the connection starts under TLS (an implicit-TLS port)
   */
  protected ClientConnection(
      String protocol,
      ConnectionLimiter limiter,
      SecurityLog securityLog,
      Executor workers,
      int maxQueued,
      boolean secure) {
    this.protocol = protocol;
    this.limiter = limiter;
    this.securityLog = securityLog;
    this.workers = workers;
    this.maxQueued = maxQueued;
    this.secure = secure;
  }

  /** Makes the session, its reader and its clocks; the channel and executor exist already. */
  protected abstract void opened();

  /** The whole line a client over its address's limit gets before the connection closes. */
  protected abstract byte[] tooManyFromYourAddress();

  /** The connection is under every limit: start the clocks and greet (on the executor). */
  protected abstract void admitted();

  /** Bytes from the client, on the event loop: feed them to the protocol's reader. */
  protected abstract void received(byte[] bytes);

  /** The connection closed: stop the clocks, free the reader, end the session (on the executor). */
  protected abstract void closed();

  /** Whether the protocol's reader wants no more bytes for now (SMTP after DATA, say). */
  protected boolean readingPaused() {
    return false;
  }

  @Override
  public final void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    remote = ProxyHeaderReader.clientAddress(channel);
    executor = new SerialExecutor(workers);
    opened();
    if (!limiter.acquire(remote)) {
      securityLog.connectionRefused(protocol, remote, "per-address-limit");
      write(tooManyFromYourAddress());
      close();
      return;
    }
    counted = true;
    admitted();
  }

  @Override
  public final void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buffer = (ByteBuf) msg;
    try {
      byte[] bytes = new byte[buffer.readableBytes()];
      buffer.readBytes(bytes);
      received(bytes);
    } finally {
      buffer.release();
    }
    if (readingPaused() || executor.pending() > maxQueued) {
      channel.config().setAutoRead(false);
    }
  }

  /**
   * On the session's executor: runs {@code work}, then lets the connection read again once the
   * session has caught up.
   */
  protected final void runThenReadMore(Runnable work) {
    work.run();
    if (!channel.config().isAutoRead() && executor.pending() < maxQueued / 4) {
      channel.eventLoop().execute(this::readMoreIfIdle);
    }
  }

  /** On the event loop: reads again unless the reader is paused. */
  protected final void readMoreIfIdle() {
    if (!readingPaused() && !channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
  }

  @Override
  public final void channelInactive(ChannelHandlerContext ctx) {
    if (counted) {
      limiter.release(remote);
    }
    closed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset or a failed handshake: nothing a client needs to hear, and the cause may be noisy.
    LOG.debug("connection closed after {}", cause.getClass().getName());
    ctx.close();
  }

  /**
   * STARTTLS, STLS: on the event loop, {@code discardPending} forgets what the client sent before
   * the handshake (RFC 3207 §4.2, RFC 2595 §4: none of it is obeyed), {@code goAhead} leaves in the
   * clear, TLS starts, then {@code after} runs.
   */
  protected final void startTls(
      SslContext tls, byte[] goAhead, Runnable discardPending, Runnable after) {
    channel
        .eventLoop()
        .execute(
            () -> {
              discardPending.run();
              StartTls.upgrade(channel, tls, goAhead);
              secure = true;
              after.run();
            });
  }

  /** Queues bytes for the client; {@link #flush} sends them. */
  public void write(byte[] bytes) {
    channel.write(Unpooled.wrappedBuffer(bytes));
  }

  public void flush() {
    channel.flush();
  }

  /**
   * Waits while more is queued for the client than Netty's high-water mark (the channel is not
   * writable) until what was written has left for the socket: a long answer is then produced about
   * as fast as the client reads it, and the heap holds a bounded part of it. The wait goes on as
   * long as the backlog shrinks, so a slow reader is waited for; it gives up when nothing at all
   * left for the client during a whole {@code stall} (docs/adr/0235-a-client-that-stops-reading-is-
   * dropped.md). For a session's worker; on the event loop it returns at once.
   *
   * @return true when the backlog has left; false when the client read nothing for {@code stall} or
   *     the connection is gone, and the caller should {@link #abort} rather than write more
   */
  public boolean awaitWritable(Duration stall) {
    if (channel.isWritable() || channel.eventLoop().inEventLoop()) {
      return true;
    }
    ChannelFuture drained = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
    long unsent = channel.bytesBeforeWritable();
    while (!drained.awaitUninterruptibly(stall.toMillis())) {
      long now = channel.bytesBeforeWritable();
      if (now >= unsent) {
        return false;
      }
      unsent = now;
    }
    return drained.isSuccess();
  }

  /**
   * Closes at once, dropping what was queued and not sent: for a client that stopped reading, whose
   * backlog would never leave ({@link #close} waits for it to).
   */
  public void abort() {
    channel.close();
  }

  /** Closes once everything written before has left. */
  public void close() {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  /** Whether the connection is under TLS now. */
  public boolean isSecure() {
    return secure;
  }

  /** The client's address (the PROXY header's when a trusted proxy sent one). */
  public InetAddress remoteAddress() {
    return remote;
  }

  protected final Channel channel() {
    return channel;
  }

  /** The session's executor: every session task runs on it, one at a time, in order. */
  protected final SerialExecutor executor() {
    return executor;
  }
}
