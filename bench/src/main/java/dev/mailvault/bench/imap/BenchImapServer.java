package dev.mailvault.bench.imap;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.imap.server.ImapServer;
import dev.mailvault.imap.server.ImapServerConfig;
import dev.mailvault.imap.session.ImapLimits;
import dev.mailvault.store.LocalMailAccess;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolStore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Mailvault's IMAP front-end on a data directory made by {@code mailvault alias add}, plaintext on
 * loopback, with the production limits except connections per IP. Used by {@code
 * bench/imap-load.sh} only while {@code mailvault serve} does not start the IMAP listener itself;
 * it wires the same parts (SQLite directory, vault store, spool, {@link ImapServer}) as serve does,
 * without TLS.
 *
 * <pre>BenchImapServer --data DIR --port P [--connections-per-ip N]</pre>
 */
public final class BenchImapServer {

  private BenchImapServer() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args, List.of("data", "port", "connections-per-ip"));
    Path data = Path.of(options.text("data", "data"));
    ImapLimits d = ImapLimits.DEFAULTS;
    ImapLimits limits =
        new ImapLimits(
            d.maxLineLength(),
            d.appendLimit(),
            d.idleLogout(),
            d.idleKeepAlive(),
            d.maxIdle(),
            options.integer("connections-per-ip", d.connectionsPerIp()),
            false);
    Directory directory = SqliteDirectory.open(data, Optional.empty());
    VaultStore vaults = new VaultStore(VaultStoreConfig.defaults(data.resolve("vaults")));
    SpoolStore spool = new SpoolStore(data.resolve("spool"));
    EventLoopGroup loops =
        new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());
    ImapServer server =
        ImapServer.start(
            loops,
            new ImapServerConfig(
                "127.0.0.1",
                options.integer("port", 1143),
                -1,
                null,
                limits,
                LoginThrottle.Policy.DEFAULTS),
            directory,
            new LocalMailAccess(vaults, spool));
    System.out.println("IMAP listening on 127.0.0.1:" + server.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  loops.shutdownGracefully();
                  vaults.close();
                  directory.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
