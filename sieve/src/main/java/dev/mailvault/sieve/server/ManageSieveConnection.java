package dev.mailvault.sieve.server;

import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.protocol.net.ClientConnection;
import dev.mailvault.protocol.net.ConnectionDeadlines;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.sieve.codec.FramedInput;
import dev.mailvault.sieve.codec.RequestFramer;
import dev.mailvault.sieve.codec.Responses;
import dev.mailvault.sieve.session.SieveRow;
import dev.mailvault.sieve.session.SieveServices;
import dev.mailvault.sieve.session.SieveSession;
import dev.mailvault.sieve.session.SieveState;
import dev.mailvault.sieve.session.Transport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One ManageSieve connection on Netty: the framer runs on the event loop and each request goes to
 * the session's serial executor, so no handler runs on the event loop. It is also the session's
 * {@link Transport}; writes from worker threads are queued by Netty in order.
 */
final class ManageSieveConnection extends ClientConnection implements Transport {

  /** Requests queued unread before the connection stops reading (pipelining back-pressure). */
  private static final int MAX_QUEUED = 16;

  private final SieveServices services;
  private final CommandTable<SieveRow, SieveState, SieveSession> table;
  private final SslContext tls;
  private final SessionDeadlines deadlines;
  private final int maxLiteral;

  private ConnectionDeadlines clocks;
  private RequestFramer framer;
  private SieveSession session;

  ManageSieveConnection(
      SieveServices services,
      CommandTable<SieveRow, SieveState, SieveSession> table,
      SslContext tls,
      ConnectionLimiter limiter,
      SessionDeadlines deadlines,
      int maxLiteral) {
    super("managesieve", limiter, services.securityLog(), services.workers(), MAX_QUEUED, false);
    this.services = services;
    this.table = table;
    this.tls = tls;
    this.deadlines = deadlines;
    this.maxLiteral = maxLiteral;
  }

  @Override
  protected void opened() {
    session = new SieveSession(services, this, executor(), table);
    framer = new RequestFramer(services.limits().maxLine(), maxLiteral);
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
    return Responses.bye("TRYLATER", "Too many connections from your address");
  }

  @Override
  protected void admitted() {
    clocks.start();
    // RFC 5804 §1.7: the greeting is the capability list and OK.
    executor()
        .execute(
            () -> {
              session.writeCapabilities("Mailvault ManageSieve ready");
              session.flush();
            });
  }

  /** ADR 0176: a fixed time to log in, however it is spent. */
  private void loginExpired() {
    executor()
        .execute(
            () -> {
              if (session.state() == SieveState.NON_AUTHENTICATED && !session.closing()) {
                session.bye(null, "Login took too long");
                session.flush();
              }
            });
  }

  /** ADR 0176: a request sent more slowly than the minimum rate. */
  private void tooSlow() {
    executor()
        .execute(
            () -> {
              if (!session.closing()) {
                session.bye(null, "Command sent too slowly");
                session.flush();
              }
            });
  }

  @Override
  protected void received(byte[] bytes) {
    clocks.received(bytes.length);
    framer.feed(bytes, 0, bytes.length, this::onInput);
  }

  private void onInput(FramedInput input) {
    clocks.commandComplete();
    executor().execute(() -> runThenReadMore(() -> session.dispatcher().onInput(input)));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      executor()
          .execute(
              () -> {
                if (!session.closing()) {
                  session.bye(null, "Autologout; idle for too long");
                  session.flush();
                }
              });
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void closed() {
    clocks.stop();
    framer.reset();
  }

  // ---------------------------------------------------------------- Transport

  @Override
  public void startTls(byte[] goAhead, Runnable afterHandshake) {
    startTls(
        tls,
        goAhead,
        () -> {
          // RFC 5804 §2.2: nothing sent before the handshake is obeyed after it.
          executor().clearPending();
          framer.reset();
        },
        () -> executor().resumeWith(afterHandshake));
  }

  @Override
  public boolean canStartTls() {
    return tls != null && !isSecure();
  }
}
