package dev.mailvault.imap.server;

import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.imap.codec.CommandFramer;
import dev.mailvault.imap.codec.FramerEvent;
import dev.mailvault.imap.codec.FramerLimits;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.CommandTable;
import dev.mailvault.imap.session.ImapServices;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SessionState;
import dev.mailvault.imap.session.Transport;
import dev.mailvault.protocol.net.ClientConnection;
import dev.mailvault.protocol.net.Compression;
import dev.mailvault.protocol.net.ConnectionDeadlines;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.SessionDeadlines;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;

/**
 * One client connection on Netty: feeds received bytes to the framer on the event loop and hands
 * each framed command to the session's serial executor, so no handler ever runs on the event loop.
 * It is also the session's {@link Transport}: writes from worker threads are queued by Netty in
 * order. What every protocol's connection shares is in {@link ClientConnection}.
 */
final class ImapConnection extends ClientConnection implements Transport {

  /** Commands queued unread before the connection stops reading (pipelining back-pressure). */
  private static final int MAX_QUEUED = 32;

  private final ImapServices services;
  private final CommandTable table;
  private final SslContext tls;
  private final boolean implicitTls;
  private final SessionDeadlines deadlines;
  private final SpillArea spillArea;

  private ConnectionDeadlines clocks;
  private CommandFramer framer;
  private ImapSession session;
  private volatile boolean compressed;

  ImapConnection(
      ImapServices services,
      CommandTable table,
      SslContext tls,
      ConnectionLimiter limiter,
      boolean implicitTls,
      SessionDeadlines deadlines,
      SpillArea spillArea) {
    super("imap", limiter, services.securityLog(), services.workers(), MAX_QUEUED, implicitTls);
    this.services = services;
    this.deadlines = deadlines;
    this.spillArea = spillArea;
    this.table = table;
    this.tls = tls;
    this.implicitTls = implicitTls;
  }

  @Override
  protected void opened() {
    session = new ImapSession(services, this, executor(), table);
    // After the session: the framer asks it which literal limits apply (ADR 0167).
    framer = newFramer();
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
    return "* BYE Too many connections from your address\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  protected void admitted() {
    clocks.start();
    executor().execute(this::greet);
  }

  /** ADR 0176: a client gets a fixed time to authenticate, however it spends it. */
  private void loginExpired() {
    executor()
        .execute(
            () -> {
              if (session.state() == SessionState.NOT_AUTHENTICATED) {
                session.untagged("BYE Login took too long");
                close();
              }
            });
  }

  /** ADR 0176: a command sent more slowly than the minimum rate. */
  private void tooSlow() {
    executor()
        .execute(
            () -> {
              session.untagged("BYE Command sent too slowly");
              close();
            });
  }

  private void greet() {
    session.ok(null, ResponseCode.capability(table.capabilities(session)), "Mailvault ready");
    session.flush();
  }

  @Override
  protected void received(byte[] bytes) {
    clocks.received(bytes.length);
    framer.feed(bytes, 0, bytes.length, this::onFramerEvent);
  }

  private void onFramerEvent(FramerEvent event) {
    if (event instanceof FramerEvent.Frame || event instanceof FramerEvent.FrameError) {
      clocks.commandComplete();
    }
    if (event instanceof FramerEvent.Frame frame) {
      executor().execute(() -> runThenReadMore(() -> session.dispatcher().onFrame(frame.bytes())));
    } else if (event instanceof FramerEvent.ContinuationRequest) {
      // RFC 9051 §7.5: the client may send the literal now.
      channel()
          .writeAndFlush(
              Unpooled.wrappedBuffer(
                  "+ Ready for literal data\r\n".getBytes(StandardCharsets.US_ASCII)));
    } else if (event instanceof FramerEvent.FrameError error && error.kind().closesConnection()) {
      // RFC 7888 §4: the framer reads nothing more; answer, then close.
      executor()
          .execute(
              () -> {
                session.dispatcher().onFrameError(error);
                close();
              });
    } else if (event instanceof FramerEvent.FrameError error) {
      executor().execute(() -> runThenReadMore(() -> session.dispatcher().onFrameError(error)));
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      // RFC 9051 §5.4: an inactivity autologout timer of at least 30 minutes.
      executor()
          .execute(
              () -> {
                if (session.idle() == null) {
                  session.untagged("BYE Autologout; idle for too long");
                  close();
                }
              });
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void closed() {
    clocks.stop();
    // An unfinished literal returns its share of the budget and its spill file (ADR 0165).
    framer.close();
    executor()
        .execute(
            () -> {
              if (session.idle() != null) {
                session.endIdle().cancelTimers();
              }
              session.logOut(true);
            });
  }

  private CommandFramer newFramer() {
    var limits = services.limits();
    FramerLimits loggedIn =
        new FramerLimits(limits.maxLineLength(), limits.appendLimit(), limits.appendLimit() * 2);
    FramerLimits beforeLogin = loggedIn.beforeLogin();
    return new CommandFramer(
        () -> session.state() == SessionState.NOT_AUTHENTICATED ? beforeLogin : loggedIn,
        spillArea);
  }

  // ---------------------------------------------------------------- Transport

  @Override
  public void startTls(byte[] lastPlaintext) {
    startTls(
        tls,
        lastPlaintext,
        () -> {
          // RFC 9051 §6.2.1 / RFC 3207 §4.2 spirit: nothing sent before TLS is obeyed.
          executor().clearPending();
          framer.close();
          framer = newFramer();
        },
        executor()::resume);
  }

  @Override
  public void startCompression(byte[] lastUncompressed) {
    channel()
        .eventLoop()
        .execute(
            () -> {
              // ADR 0168: inflation is capped, so a DEFLATE bomb ends the connection with a BYE.
              Compression.start(
                  channel(),
                  lastUncompressed,
                  reason -> ("* BYE " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII));
              compressed = true;
            });
  }

  @Override
  public boolean isCompressed() {
    return compressed;
  }

  @Override
  public boolean canStartTls() {
    return tls != null && !implicitTls;
  }
}
