package dev.mailvault.imap.server;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ConnectionCeiling;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.imap.handler.ImapCommands;
import dev.mailvault.imap.session.CommandTable;
import dev.mailvault.imap.session.ImapServices;
import dev.mailvault.imap.session.RecentClaims;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.ProxyHeaderReader;
import dev.mailvault.protocol.net.RefuseConnection;
import dev.mailvault.protocol.net.TlsHandshakeLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The IMAP front-end (issue 3): a STARTTLS listener and an implicit-TLS listener on the given event
 * loops; commands run on a worker pool of their own so that the event loops never wait on the
 * directory or a vault (DESIGN §6).
 */
public final class ImapServer implements AutoCloseable {

  /** Over the server's ceiling: RFC 9051 §7.1.5 allows BYE as the greeting (ADR 0175). */
  private static final byte[] BYE_TOO_MANY =
      "* BYE Too many connections; try again later\r\n".getBytes(StandardCharsets.US_ASCII);

  private final List<Channel> listeners = new ArrayList<>();
  private final ExecutorService workers;
  private final ExecutorService logins;
  private final ScheduledExecutorService timers;

  private ImapServer(
      ExecutorService workers, ExecutorService logins, ScheduledExecutorService timers) {
    this.workers = workers;
    this.logins = logins;
    this.timers = timers;
  }

  /**
   * Binds the listeners.
   *
   * @throws IOException when a port cannot be bound; nothing stays open then
   */
  public static ImapServer start(
      EventLoopGroup loops,
      ImapServerConfig config,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog)
      throws IOException, InterruptedException {
    return start(loops, config, directory, mail, securityLog, SpillArea.inMemory());
  }

  /**
   * Binds the listeners; literals are kept in {@code spillArea} and take their bytes from its
   * budget, which the node shares with SMTP (ADR 0165, 0166).
   *
   * @throws IOException when a port cannot be bound; nothing stays open then
   */
  public static ImapServer start(
      EventLoopGroup loops,
      ImapServerConfig config,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog,
      SpillArea spillArea)
      throws IOException, InterruptedException {
    // A fixed pool with a queue: when every worker is busy (long FETCHes, say), commands wait
    // their turn. Running them on the caller instead would block a Netty event loop (DESIGN §6).
    int size = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads("imap-worker"));
    workers.allowCoreThreadTimeOut(true);
    ThreadPoolExecutor logins = loginPool(config.loginPool());
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, threads("imap-timer"));
    timers.setRemoveOnCancelPolicy(true);
    ImapServer server = new ImapServer(workers, logins, timers);
    ImapServices services =
        new ImapServices(
            directory,
            mail,
            config.limits(),
            new LoginThrottle(config.throttle(), Clock.systemUTC()),
            securityLog,
            workers,
            logins,
            timers,
            new RecentClaims());
    CommandTable table = ImapCommands.table(config.limits().appendLimit());
    ConnectionLimiter limiter = new ConnectionLimiter(config.limits().connectionsPerIp());
    // One ceiling for both listeners: it guards the machine, not a port (ADR 0175).
    ConnectionCeiling ceiling = new ConnectionCeiling(config.deadlines().maxConnections());
    try {
      server.listen(
          loops, config, config.port(), false, services, table, limiter, ceiling, spillArea);
      if (config.tlsPort() >= 0 && config.tls() != null) {
        server.listen(
            loops, config, config.tlsPort(), true, services, table, limiter, ceiling, spillArea);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void listen(
      EventLoopGroup loops,
      ImapServerConfig config,
      int port,
      boolean implicitTls,
      ImapServices services,
      CommandTable table,
      ConnectionLimiter limiter,
      ConnectionCeiling ceiling,
      SpillArea spillArea)
      throws IOException, InterruptedException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    if (implicitTls) {
                      channel.pipeline().addLast("tls", config.tls().newHandler(channel.alloc()));
                    }
                    channel.pipeline().addLast("tls-log", new TlsHandshakeLog("imap"));
                    if (!ceiling.tryAcquire()) {
                      channel
                          .pipeline()
                          .addLast(
                              "refuse",
                              new RefuseConnection("imap", BYE_TOO_MANY, services.securityLog()));
                      return;
                    }
                    channel.closeFuture().addListener(closed -> ceiling.release());
                    channel
                        .pipeline()
                        .addLast(
                            "autologout",
                            new IdleStateHandler(
                                config.limits().idleLogout().toMillis(),
                                0,
                                0,
                                TimeUnit.MILLISECONDS))
                        .addLast(
                            "imap",
                            new ImapConnection(
                                services,
                                table,
                                config.tls(),
                                limiter,
                                implicitTls,
                                config.deadlines(),
                                spillArea));
                    // First in the pipeline: the header comes before any TLS record.
                    ProxyHeaderReader.installIfTrusted(channel, config.trustedProxies());
                  }
                });
    ChannelFuture bound = bootstrap.bind(config.bindAddress(), port).await();
    if (!bound.isSuccess()) {
      throw new IOException(
          "cannot listen for IMAP on "
              + config.bindAddress()
              + ":"
              + port
              + ": "
              + bound.cause().getMessage());
    }
    listeners.add(bound.channel());
  }

  /** The STARTTLS listener's port. */
  public int port() {
    return ((InetSocketAddress) listeners.get(0).localAddress()).getPort();
  }

  /** The implicit-TLS listener's port, or -1 when there is none. */
  public int tlsPort() {
    return listeners.size() > 1
        ? ((InetSocketAddress) listeners.get(1).localAddress()).getPort()
        : -1;
  }

  @Override
  public void close() {
    for (Channel listener : listeners) {
      listener.close().syncUninterruptibly();
    }
    timers.shutdownNow();
    logins.shutdown();
    workers.shutdown();
  }

  /**
   * ADR 0186: Argon2id gets its own threads, as many as the machine has cores, so a burst of logins
   * cannot hold every worker while logged-in sessions' commands wait. The queue is bounded and the
   * default policy rejects past it: a login that cannot start soon is told so.
   */
  private static ThreadPoolExecutor loginPool(LoginPoolSize size) {
    BlockingQueue<Runnable> queue =
        size.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(size.queue());
    ThreadPoolExecutor logins =
        new ThreadPoolExecutor(
            size.threads(), size.threads(), 60, TimeUnit.SECONDS, queue, threads("imap-login"));
    logins.allowCoreThreadTimeOut(true);
    return logins;
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory base = Executors.defaultThreadFactory();
    return runnable -> {
      Thread thread = base.newThread(runnable);
      thread.setName(name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
