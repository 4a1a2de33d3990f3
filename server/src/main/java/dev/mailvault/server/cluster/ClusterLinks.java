package dev.mailvault.server.cluster;

import dev.mailvault.cluster.remote.PrimaryService;
import dev.mailvault.cluster.remote.QuotaLedgers;
import dev.mailvault.cluster.remote.RemoteMailAccess;
import dev.mailvault.cluster.remote.RemoteMailDelivery;
import dev.mailvault.cluster.remote.RemoteOperations;
import dev.mailvault.cluster.remote.RemoteOutbox;
import dev.mailvault.cluster.rpc.ClusterTls;
import dev.mailvault.cluster.rpc.RpcClients;
import dev.mailvault.cluster.rpc.RpcServer;
import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.PrimaryLease;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's links to the others (DESIGN §2): its certificate, one RPC connection per peer,
 * the placement table as a router, the remote mail access a front-end's protocols use, and on a
 * primary the RPC listener and the lease on its vaults.
 */
public final class ClusterLinks implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterLinks.class);

  /** Threads serving front-ends' requests on a primary: each may wait on a vault's writer. */
  private static final int RPC_WORKERS = 32;

  /** Requests that may wait for a worker before more are answered {@code busy}. */
  private static final int RPC_QUEUE = 1024;

  private final Settings settings;
  private final Directory directory;
  private final EventLoopGroup loops;
  private final ClusterTls tls;
  private final String nodeName;
  private final RpcClients clients;
  private final PlacementRouter router;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  private ClusterLinks(
      Settings settings,
      Directory directory,
      EventLoopGroup loops,
      ClusterTls tls,
      String nodeName,
      RpcClients clients) {
    this.settings = settings;
    this.directory = directory;
    this.loops = loops;
    this.tls = tls;
    this.nodeName = nodeName;
    this.clients = clients;
    this.router = new PlacementRouter(directory.clusterRegistry(), clients);
  }

  /** Loads this node's cluster certificate ({@code cluster join}) and prepares the connections. */
  public static ClusterLinks open(
      DataLayout layout, Settings settings, EventLoopGroup loops, Directory directory)
      throws ConfigException {
    Path dir = layout.root().resolve("cluster");
    ClusterTls tls;
    try {
      tls = ClusterTls.load(dir);
    } catch (IOException e) {
      throw new ConfigException(
          "no cluster certificate in " + dir + ": run `mailvault cluster init` or `cluster join`");
    }
    String configured = settings.get(Setting.CLUSTER_NODE_NAME).trim();
    if (!configured.isEmpty() && !configured.equals(tls.nodeName())) {
      throw new ConfigException(
          settings.origin(Setting.CLUSTER_NODE_NAME)
              + " is '"
              + configured
              + "', but the cluster certificate in "
              + dir
              + " names '"
              + tls.nodeName()
              + "'");
    }
    Duration timeout =
        Duration.ofSeconds(settings.positiveLong(Setting.CLUSTER_RPC_TIMEOUT_SECONDS));
    return new ClusterLinks(
        settings, directory, loops, tls, tls.nodeName(), new RpcClients(loops, tls, timeout));
  }

  /** A front-end's way into the vaults: through their owners. */
  public MailAccess mail() {
    return new RemoteMailAccess(router);
  }

  /** Deliveries into vaults, each through its owner. */
  public MailDelivery delivery() {
    return new RemoteMailDelivery(router);
  }

  /** A primary's outbound queue, with the DKIM signature added there. */
  public Outbox signedOutbox() {
    return new RemoteOutbox(router);
  }

  /** The primaries' admin operations, for a front-end's web features (ADR 0286). */
  public ClusterAdmin admin() {
    return new ClusterAdmin(new RemoteOperations(router));
  }

  /** A primary's outbound queue as given: forwarded copies carry no signature of ours. */
  public Outbox rawOutbox() {
    return RemoteOutbox.asIs(router);
  }

  /**
   * Serves this primary's vaults to the front-ends: starts the RPC listener, then joins the cluster
   * with a lease (ADR 0280); requests for vaults this primary does not own are refused.
   *
   * @return what stops serving and leaves the cluster
   */
  public AutoCloseable serve(
      VaultStore vaults,
      SpoolStore spool,
      MailAccess local,
      MailDelivery localDelivery,
      Outbox signed,
      Outbox raw,
      QuotaLedgers quotas,
      AdminOperations operations)
      throws MailvaultException, InterruptedException {
    AtomicReference<LeaseKeeper> keeper = new AtomicReference<>();
    ExecutorService workers = workers();
    resources.push(() -> workers.shutdownNow());
    String bind = settings.get(Setting.BIND);
    RpcServer server =
        RpcServer.start(
            loops,
            bind,
            settings.port(Setting.CLUSTER_PORT),
            tls,
            new PrimaryService(
                local,
                localDelivery,
                signed,
                raw,
                quotas,
                vaultId -> {
                  LeaseKeeper k = keeper.get();
                  return k != null && k.owns(vaultId);
                },
                // The admin socket's operations, for the front-ends' web features (ADR 0286).
                PrimaryAdminScopes.offered(operations, directory)),
            workers);
    resources.push(server);
    String advertise = advertise(bind, server.port());
    Duration lease = Duration.ofSeconds(settings.positiveLong(Setting.CLUSTER_LEASE_SECONDS));
    LeaseKeeper started =
        LeaseKeeper.start(directory.clusterRegistry(), nodeName, advertise, lease, vaults, spool);
    keeper.set(started);
    resources.push(started);
    LOG.info(
        "joined the cluster as primary {} at epoch {}",
        nodeName,
        started.lease().map(PrimaryLease::epoch).orElse(0L));
    return this::stopServing;
  }

  private String advertise(String bind, int port) throws ConfigException {
    String configured = settings.get(Setting.CLUSTER_ADVERTISE).trim();
    if (!configured.isEmpty()) {
      return configured;
    }
    if (bind.equals("0.0.0.0") || bind.equals("::")) {
      throw new ConfigException(
          "cluster.advertise must name this primary's address when bind is " + bind);
    }
    return bind + ":" + port;
  }

  private static ExecutorService workers() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        RPC_WORKERS,
        RPC_WORKERS,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(RPC_QUEUE),
        r -> {
          Thread t = new Thread(r, "cluster-rpc-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private void stopServing() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("error while leaving the cluster: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    stopServing();
    clients.close();
  }
}
