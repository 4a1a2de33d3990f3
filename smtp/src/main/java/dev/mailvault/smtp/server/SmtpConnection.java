package dev.mailvault.smtp.server;

import dev.mailvault.core.net.ReadPace;
import dev.mailvault.protocol.exec.SerialExecutor;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.ProxyHeaderReader;
import dev.mailvault.protocol.net.StartTls;
import dev.mailvault.protocol.net.TlsSessionInfo;
import dev.mailvault.smtp.codec.SmtpInput;
import dev.mailvault.smtp.codec.SmtpReader;
import dev.mailvault.smtp.codec.SmtpReply;
import dev.mailvault.smtp.session.SmtpServices;
import dev.mailvault.smtp.session.SmtpSession;
import dev.mailvault.smtp.session.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on Netty. The {@link SmtpReader} runs on the event loop; every input it
 * yields is handed to the session's serial executor on the worker pool, so no session code (and no
 * directory look-up or delivery) ever runs on the event loop. It is also the session's {@link
 * Transport}: writes from worker threads are queued by Netty in order.
 *
 * <p>Reading stops while the reader is paused (after DATA, STARTTLS, QUIT: the session decides how
 * the next bytes are read) and while too many inputs wait for the session.
 */
final class SmtpConnection extends ChannelInboundHandlerAdapter implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);

  /** Inputs queued unread before the connection stops reading (pipelining back-pressure). */
  private static final int MAX_QUEUED = 64;

  private final SmtpServices services;
  private final SslContext tls;
  private final ConnectionLimiter limiter;
  private final Executor workers;
  private final ReadPace dataPace;

  private Channel channel;
  private SmtpReader reader;
  private SerialExecutor executor;
  private SmtpSession session;
  private InetAddress remote;
  private boolean counted;
  private volatile boolean secure;
  private long lastRead;
  private ScheduledFuture<?> timeout;

  SmtpConnection(
      SmtpServices services,
      SslContext tls,
      ConnectionLimiter limiter,
      Executor workers,
      ReadPace.Policy dataPace) {
    this.services = services;
    this.dataPace = new ReadPace(dataPace);
    this.tls = tls;
    this.limiter = limiter;
    this.workers = workers;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    remote = ProxyHeaderReader.clientAddress(channel);
    reader = new SmtpReader(services.limits().reader(), services.spillArea());
    executor = new SerialExecutor(workers);
    session = new SmtpSession(services, this);
    if (!limiter.acquire(remote)) {
      services.securityLog().connectionRefused("smtp", remote, "per-address-limit");
      reply(SmtpReply.of(421, "4.7.0", "Too many connections from your address"));
      close();
      return;
    }
    counted = true;
    lastRead = System.nanoTime();
    scheduleTimeout(checkPeriod());
    executor.execute(session::greet);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buffer = (ByteBuf) msg;
    try {
      byte[] bytes = new byte[buffer.readableBytes()];
      buffer.readBytes(bytes);
      if (reader.readingMessage()) {
        // RFC 5321 §4.5.3.2.5: the data timeout is per block; a command's clock, by contrast,
        // runs from the end of the previous input to the end of its line, however many octets
        // trickle in meanwhile (ADR 0176).
        lastRead = System.nanoTime();
        dataPace.received(bytes.length, lastRead);
      }
      reader.feed(bytes, 0, bytes.length, this::onInput);
    } finally {
      buffer.release();
    }
    if (reader.paused() || executor.pending() > MAX_QUEUED) {
      channel.config().setAutoRead(false);
    }
  }

  private void onInput(SmtpInput input) {
    lastRead = System.nanoTime();
    if (input instanceof SmtpInput.Message || input instanceof SmtpInput.Chunk) {
      dataPace.finished();
    }
    executor.execute(
        () -> {
          session.onInput(input);
          if (executor.pending() < MAX_QUEUED / 4) {
            channel.eventLoop().execute(this::readMoreIfIdle);
          }
        });
  }

  private void readMoreIfIdle() {
    if (!reader.paused() && !channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
  }

  // ------------------------------------------------------------------ timeouts

  private long checkPeriod() {
    long period =
        Math.min(
            services.limits().commandTimeout().toNanos(),
            services.limits().dataTimeout().toNanos());
    ReadPace.Policy pace = dataPace.policy();
    return pace.enabled() && !pace.grace().isZero()
        ? Math.min(period, pace.grace().toNanos())
        : period;
  }

  private void scheduleTimeout(long nanos) {
    timeout = channel.eventLoop().schedule(this::checkTimeout, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * RFC 5321 §4.5.3.2: the command timeout between commands, the data timeout while message octets
   * are due. Time spent by the server itself (a delivery) never counts against the client.
   */
  private void checkTimeout() {
    if (!channel.isActive()) {
      return;
    }
    Duration limit =
        reader.readingMessage()
            ? services.limits().dataTimeout()
            : services.limits().commandTimeout();
    // The reader may switch between commands and data before the next check: check at least
    // as often as the shorter of the two timeouts.
    long period = checkPeriod();
    long now = System.nanoTime();
    if (executor.busy() || reader.paused()) {
      lastRead = now;
      if (dataPace.inProgress()) {
        dataPace.restart(now);
      }
      scheduleTimeout(period);
      return;
    }
    if (dataPace.tooSlow(now)) {
      executor.execute(session::tooSlow);
      return;
    }
    long idle = now - lastRead;
    if (idle >= limit.toNanos()) {
      executor.execute(session::timedOut);
      return;
    }
    scheduleTimeout(Math.min(period, limit.toNanos() - idle));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (counted) {
      limiter.release(remote);
    }
    if (timeout != null) {
      timeout.cancel(false);
    }
    // An unfinished message returns its budget and deletes its spill file (ADR 0165).
    reader.close();
    executor.execute(session::connectionClosed);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset or a failed handshake: nothing a client needs to hear, and the cause may be noisy.
    LOG.debug("connection closed after {}", cause.getClass().getName());
    ctx.close();
  }

  // ------------------------------------------------------------------ Transport

  @Override
  public void reply(SmtpReply reply) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(reply.encode()));
  }

  @Override
  public void startData() {
    channel
        .eventLoop()
        .execute(
            () -> {
              reader.startData(this::onInput);
              readMoreIfIdle();
            });
  }

  @Override
  public void resumeCommands() {
    channel
        .eventLoop()
        .execute(
            () -> {
              reader.resumeCommands(this::onInput);
              readMoreIfIdle();
            });
  }

  @Override
  public void startTls(SmtpReply ready) {
    channel
        .eventLoop()
        .execute(
            () -> {
              // RFC 3207 §4.2: what the client sent before the handshake is not obeyed.
              int dropped = reader.discardPending();
              if (dropped > 0) {
                LOG.debug("dropped {} octets sent before the TLS handshake", dropped);
              }
              StartTls.upgrade(channel, tls, ready.encode());
              secure = true;
              readMoreIfIdle();
            });
  }

  @Override
  public void close() {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public boolean canStartTls() {
    return tls != null && !secure;
  }

  @Override
  public Optional<String> tlsDescription() {
    // The group says whether the hop resisted harvest-now-decrypt-later (ADR 0196).
    return TlsSessionInfo.describe(channel);
  }

  @Override
  public InetAddress remoteAddress() {
    return remote;
  }
}
