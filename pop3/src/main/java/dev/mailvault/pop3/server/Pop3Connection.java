package dev.mailvault.pop3.server;

import dev.mailvault.pop3.codec.LineInput;
import dev.mailvault.pop3.codec.LineReader;
import dev.mailvault.pop3.codec.Responses;
import dev.mailvault.pop3.session.Pop3Row;
import dev.mailvault.pop3.session.Pop3Services;
import dev.mailvault.pop3.session.Pop3Session;
import dev.mailvault.pop3.session.Pop3State;
import dev.mailvault.pop3.session.Transport;
import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.protocol.net.ClientConnection;
import dev.mailvault.protocol.net.ConnectionDeadlines;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.SessionDeadlines;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One POP3 connection on Netty: the line reader runs on the event loop and each line goes to the
 * session's serial executor, so no handler runs on the event loop. It is also the session's {@link
 * Transport}; writes from worker threads are queued by Netty in order. What every protocol's
 * connection shares is in {@link ClientConnection}.
 */
final class Pop3Connection extends ClientConnection implements Transport {

  /** Lines queued unread before the connection stops reading (pipelining back-pressure). */
  private static final int MAX_QUEUED = 32;

  private final Pop3Services services;
  private final CommandTable<Pop3Row, Pop3State, Pop3Session> table;
  private final SslContext tls;
  private final boolean implicitTls;
  private final SessionDeadlines deadlines;

  private ConnectionDeadlines clocks;
  private LineReader reader;
  private Pop3Session session;

  Pop3Connection(
      Pop3Services services,
      CommandTable<Pop3Row, Pop3State, Pop3Session> table,
      SslContext tls,
      ConnectionLimiter limiter,
      boolean implicitTls,
      SessionDeadlines deadlines) {
    super("pop3", limiter, services.securityLog(), services.workers(), MAX_QUEUED, implicitTls);
    this.services = services;
    this.table = table;
    this.tls = tls;
    this.implicitTls = implicitTls;
    this.deadlines = deadlines;
  }

  @Override
  protected void opened() {
    session = new Pop3Session(services, this, executor(), table);
    reader = newReader();
    clocks =
        new ConnectionDeadlines(
            channel(),
            deadlines.login(),
            deadlines.commandPace(),
            this::loginExpired,
            this::tooSlow);
  }

  @Override
  protected byte[] tooManyFromYourAddress() {
    return Responses.err("SYS/TEMP", "Too many connections from your address");
  }

  @Override
  protected void admitted() {
    clocks.start();
    // RFC 1939 §4: the greeting. No APOP timestamp: APOP is not offered.
    executor()
        .execute(
            () -> {
              session.ok("Mailvault POP3 ready");
              session.flush();
            });
  }

  private LineReader newReader() {
    return new LineReader(services.limits().maxSaslResponse(), session::awaitingSaslResponse);
  }

  /** ADR 0176: a fixed time to log in, however it is spent. */
  private void loginExpired() {
    executor()
        .execute(
            () -> {
              if (session.state() == Pop3State.AUTHORIZATION) {
                session.err(null, "Login took too long");
                session.close();
              }
            });
  }

  /** ADR 0176: a line sent more slowly than the minimum rate. */
  private void tooSlow() {
    executor()
        .execute(
            () -> {
              session.err(null, "Command sent too slowly");
              session.close();
            });
  }

  @Override
  protected void received(byte[] bytes) {
    clocks.received(bytes.length);
    reader.feed(bytes, 0, bytes.length, this::onInput);
  }

  private void onInput(LineInput input) {
    clocks.commandComplete();
    if (input instanceof LineInput.Line line) {
      executor().execute(() -> runThenReadMore(() -> session.dispatcher().onLine(line.bytes())));
    } else {
      executor().execute(() -> runThenReadMore(session.dispatcher()::onTooLong));
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      // RFC 1939 §3: an inactivity autologout timer; the session ends without UPDATE.
      executor()
          .execute(
              () -> {
                session.err(null, "Autologout; idle for too long");
                session.close();
              });
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void closed() {
    clocks.stop();
    reader.reset();
    // RFC 1939 §6: a session that ends without QUIT removes nothing.
    executor().execute(session::end);
  }

  // ---------------------------------------------------------------- Transport

  @Override
  public void writeThen(byte[] bytes, Runnable next) {
    executor().suspend();
    channel()
        .writeAndFlush(Unpooled.wrappedBuffer(bytes))
        .addListener(
            written -> {
              if (written.isSuccess()) {
                executor().resumeWith(next);
              } else {
                // The connection is gone: let the queue run on to the session's end.
                channel().close();
                executor().resume();
              }
            });
  }

  @Override
  public void startTls(byte[] goAhead) {
    startTls(
        tls,
        goAhead,
        () -> {
          // RFC 2595 §4: nothing sent before the handshake is obeyed after it.
          executor().clearPending();
          reader.reset();
        },
        executor()::resume);
  }

  @Override
  public boolean canStartTls() {
    return tls != null && !implicitTls;
  }
}
