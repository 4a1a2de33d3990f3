package dev.mailvault.server;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.http.HttpListener;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node with every role in this process (DESIGN §2): it opens the data directory,
 * starts the listeners and closes everything, in reverse order, on {@link #close()}.
 */
public final class MailvaultNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MailvaultNode.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final HttpListener http;

  private MailvaultNode(Settings settings) throws ConfigException, IOException, InterruptedException {
    DataDirectory data = DataDirectory.open(settings.dataDir());
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    // Listeners are closed first, so no quiet period is needed for new work to drain.
    resources.push(() -> loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly());
    String bind = settings.get(Setting.BIND);
    http = HttpListener.start(loops, bind, settings.port(Setting.HTTP_PORT), () -> data.problem());
    resources.push(http);
    LOG.info("http listening on {}:{}", bind, http.address().getPort());
  }

  /** Opens the data directory and starts every listener; fails without leaving anything open. */
  public static MailvaultNode start(Settings settings)
      throws ConfigException, IOException, InterruptedException {
    return new MailvaultNode(settings);
  }

  public int httpPort() {
    return http.address().getPort();
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("error while stopping: {}", e.toString());
      }
    }
  }

  /** The layout of the data directory. */
  record DataDirectory(Path root) {

    static DataDirectory open(Path root) throws ConfigException {
      try {
        Files.createDirectories(root.resolve("vaults"));
      } catch (IOException e) {
        throw new ConfigException("cannot use data directory " + root + ": " + e.getMessage());
      }
      if (!Files.isWritable(root)) {
        throw new ConfigException("data directory " + root + " is not writable");
      }
      return new DataDirectory(root);
    }

    /** Null while the node can serve. */
    String problem() {
      return Files.isWritable(root) ? null : "data directory is not writable";
    }
  }
}
