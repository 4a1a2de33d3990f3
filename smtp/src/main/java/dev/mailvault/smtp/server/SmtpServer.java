package dev.mailvault.smtp.server;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.net.ConnectionCeiling;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.ProxyHeaderReader;
import dev.mailvault.protocol.net.RefuseConnection;
import dev.mailvault.protocol.net.TlsHandshakeLog;
import dev.mailvault.smtp.codec.SmtpReply;
import dev.mailvault.smtp.session.SmtpServices;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMTP MX (issue 4): one listener on the given event loops; sessions run on a worker pool of
 * their own so the event loops never wait on the directory or a delivery (DESIGN §6).
 */
public final class SmtpServer implements AutoCloseable {

  private final ExecutorService workers;
  private Channel listener;

  private SmtpServer(ExecutorService workers) {
    this.workers = workers;
  }

  /**
   * Binds the listener.
   *
   * @throws IOException when the port cannot be bound; nothing stays open then
   */
  public static SmtpServer start(
      EventLoopGroup loops,
      SmtpServerConfig config,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog)
      throws IOException, InterruptedException {
    return start(loops, config, directory, delivery, securityLog, SpillArea.inMemory());
  }

  /**
   * Binds the listener; message octets are kept in {@code spillArea} and take their bytes from its
   * budget, which the node shares with IMAP (ADR 0165, 0166).
   */
  public static SmtpServer start(
      EventLoopGroup loops,
      SmtpServerConfig config,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      SpillArea spillArea)
      throws IOException, InterruptedException {
    // A fixed pool with a queue: when every worker is busy (Argon2id logins, say), commands wait
    // their turn. Running them on the caller instead would block a Netty event loop (DESIGN §6).
    int size = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads("smtp-worker"));
    workers.allowCoreThreadTimeOut(true);
    SmtpServer server = new SmtpServer(workers);
    SmtpServices services =
        new SmtpServices(
            config.hostname(),
            config.limits(),
            directory,
            delivery,
            securityLog,
            Clock.systemUTC(),
            config.postmaster(),
            spillArea);
    ConnectionLimiter limiter = new ConnectionLimiter(config.limits().connectionsPerIp());
    ConnectionCeiling ceiling = new ConnectionCeiling(config.deadlines().maxConnections());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast("tls-log", new TlsHandshakeLog("smtp"));
                    if (!ceiling.tryAcquire()) {
                      channel
                          .pipeline()
                          .addLast(
                              "refuse",
                              new RefuseConnection(
                                  "smtp",
                                  // RFC 5321 §3.1: 421 at the opening; RFC 3463 X.3.2, system
                                  // not accepting network messages (ADR 0175)
                                  SmtpReply.of(
                                          421,
                                          "4.3.2",
                                          config.hostname()
                                              + " Too many connections; try again later")
                                      .encode(),
                                  services.securityLog()));
                      return;
                    }
                    channel.closeFuture().addListener(closed -> ceiling.release());
                    channel
                        .pipeline()
                        .addLast(
                            "smtp",
                            new SmtpConnection(
                                services,
                                config.tls(),
                                limiter,
                                workers,
                                config.deadlines().dataPace()));
                    ProxyHeaderReader.installIfTrusted(channel, config.trustedProxies());
                  }
                });
    ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.port()).await();
    if (!bound.isSuccess()) {
      server.close();
      throw new IOException(
          "cannot listen for SMTP on "
              + config.bindAddress()
              + ":"
              + config.port()
              + ": "
              + bound.cause().getMessage());
    }
    server.listener = bound.channel();
    return server;
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    workers.shutdown();
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
