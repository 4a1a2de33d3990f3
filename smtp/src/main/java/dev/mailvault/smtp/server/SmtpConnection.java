package dev.mailvault.smtp.server;

import dev.mailvault.core.net.ReadPace;
import dev.mailvault.protocol.exec.SerialExecutor;
import dev.mailvault.protocol.net.ClientConnection;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.TlsSessionInfo;
import dev.mailvault.smtp.codec.SmtpInput;
import dev.mailvault.smtp.codec.SmtpReader;
import dev.mailvault.smtp.codec.SmtpReply;
import dev.mailvault.smtp.session.SmtpServices;
import dev.mailvault.smtp.session.SmtpSession;
import dev.mailvault.smtp.session.Transport;
import io.netty.handler.ssl.SslContext;
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
final class SmtpConnection extends ClientConnection implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);

  /** Inputs queued unread before the connection stops reading (pipelining back-pressure). */
  private static final int MAX_QUEUED = 64;

  private final SmtpServices services;
  private final SslContext tls;
  private final ReadPace dataPace;

  private SmtpReader reader;
  private SmtpSession session;
  private long lastRead;
  private ScheduledFuture<?> timeout;

  SmtpConnection(
      SmtpServices services,
      SslContext tls,
      ConnectionLimiter limiter,
      Executor workers,
      ReadPace.Policy dataPace) {
    this(services, tls, limiter, workers, dataPace, false);
  }

  /** With {@code implicitTls}, the connection is under TLS from its first byte (RFC 8314 §3.3). */
  SmtpConnection(
      SmtpServices services,
      SslContext tls,
      ConnectionLimiter limiter,
      Executor workers,
      ReadPace.Policy dataPace,
      boolean implicitTls) {
    super(services.protocol(), limiter, services.securityLog(), workers, MAX_QUEUED, implicitTls);
    this.services = services;
    this.dataPace = new ReadPace(dataPace);
    this.tls = tls;
  }

  @Override
  protected void opened() {
    reader = new SmtpReader(services.limits().reader(), services.spillArea());
    session = new SmtpSession(services, this);
  }

  @Override
  protected byte[] tooManyFromYourAddress() {
    return SmtpReply.of(421, "4.7.0", "Too many connections from your address").encode();
  }

  @Override
  protected void admitted() {
    lastRead = System.nanoTime();
    scheduleTimeout(checkPeriod());
    executor().execute(session::greet);
  }

  @Override
  protected void received(byte[] bytes) {
    if (reader.readingMessage()) {
      // RFC 5321 §4.5.3.2.5: the data timeout is per block; a command's clock, by contrast,
      // runs from the end of the previous input to the end of its line, however many octets
      // trickle in meanwhile (ADR 0176).
      lastRead = System.nanoTime();
      dataPace.received(bytes.length, lastRead);
    }
    reader.feed(bytes, 0, bytes.length, this::onInput);
  }

  @Override
  protected boolean readingPaused() {
    return reader.paused();
  }

  private void onInput(SmtpInput input) {
    lastRead = System.nanoTime();
    if (input instanceof SmtpInput.Message || input instanceof SmtpInput.Chunk) {
      dataPace.finished();
    }
    executor().execute(() -> runThenReadMore(() -> session.onInput(input)));
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
    timeout = channel().eventLoop().schedule(this::checkTimeout, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * RFC 5321 §4.5.3.2: the command timeout between commands, the data timeout while message octets
   * are due. Time spent by the server itself (a delivery) never counts against the client.
   */
  private void checkTimeout() {
    if (!channel().isActive()) {
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
    if (executor().busy() || reader.paused()) {
      lastRead = now;
      if (dataPace.inProgress()) {
        dataPace.restart(now);
      }
      scheduleTimeout(period);
      return;
    }
    if (dataPace.tooSlow(now)) {
      executor().execute(session::tooSlow);
      return;
    }
    long idle = now - lastRead;
    if (idle >= limit.toNanos()) {
      executor().execute(session::timedOut);
      return;
    }
    scheduleTimeout(Math.min(period, limit.toNanos() - idle));
  }

  @Override
  protected void closed() {
    if (timeout != null) {
      timeout.cancel(false);
    }
    // An unfinished message returns its budget and deletes its spill file (ADR 0165).
    reader.close();
    executor().execute(session::connectionClosed);
  }

  // ------------------------------------------------------------------ Transport

  @Override
  public void reply(SmtpReply reply) {
    write(reply.encode());
    flush();
  }

  @Override
  public void startData() {
    channel()
        .eventLoop()
        .execute(
            () -> {
              reader.startData(this::onInput);
              readMoreIfIdle();
            });
  }

  @Override
  public void readSaslResponse() {
    channel()
        .eventLoop()
        .execute(
            () -> {
              reader.readSaslResponse(this::onInput);
              readMoreIfIdle();
            });
  }

  @Override
  public SerialExecutor sessionExecutor() {
    return executor();
  }

  @Override
  public void resumeCommands() {
    channel()
        .eventLoop()
        .execute(
            () -> {
              reader.resumeCommands(this::onInput);
              readMoreIfIdle();
            });
  }

  @Override
  public void startTls(SmtpReply ready) {
    startTls(
        tls,
        ready.encode(),
        () -> {
          // RFC 3207 §4.2: what the client sent before the handshake is not obeyed.
          int dropped = reader.discardPending();
          if (dropped > 0) {
            LOG.debug("dropped {} octets sent before the TLS handshake", dropped);
          }
        },
        this::readMoreIfIdle);
  }

  @Override
  public boolean canStartTls() {
    return tls != null && !isSecure();
  }

  @Override
  public Optional<String> tlsDescription() {
    // The group says whether the hop resisted harvest-now-decrypt-later (ADR 0196).
    return TlsSessionInfo.describe(channel());
  }
}
