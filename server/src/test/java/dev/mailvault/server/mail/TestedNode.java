package dev.mailvault.server.mail;

import dev.mailvault.cluster.ca.ClusterCa;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.outbound.Transmitter;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.cli.CliProcess;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.outbound.NetworkDelivery;
import dev.mailvault.server.web.WebSessions;
import dev.mailvault.store.VaultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node a protocol test talks to, in one of two fixtures (issue 18): one process with every role
 * (the default), or, when the system property {@code mailvault.fixture} is {@code cluster}, a
 * {@code --role frontend} node and a {@code --role primary} node in this JVM with the directory in
 * a fresh PostgreSQL database, talking over the cluster's WebSocket RPC with mutual TLS. The same
 * test classes run in both (server/pom.xml's {@code cluster-fixture} execution).
 *
 * <p>Clients reach the front-end's listeners, its web ports included (and with them its browser
 * sessions); the test's own set-up and checks reach the primary's directory, vaults, outbox and
 * queue. In the cluster, the test's data directory is the primary's storage ({@code storage.dir}),
 * so vaults and spools stay where the test expects them; the two nodes' own data directories and
 * the cluster's CA are in its {@code .cluster} folder. A test that administers the node with the
 * {@code mailvault} command asks {@link #cli} for it, which aims it at the primary's data directory
 * and the cluster's directory database.
 */
public final class TestedNode implements AutoCloseable {

  private static final String FIXTURE = "mailvault.fixture";

  /** The directory database of each data directory whose cluster is prepared (kept in memory). */
  private static final Map<Path, String> DIRECTORIES = new HashMap<>();

  private final MailvaultNode clients;
  private final MailvaultNode storage;
  private final Path clientsData;
  private final Path storageData;
  private final Path testData;

  private TestedNode(
      MailvaultNode clients,
      MailvaultNode storage,
      Path clientsData,
      Path storageData,
      Path testData) {
    this.storageData = storageData;
    this.testData = testData;
    this.clients = clients;
    this.storage = storage;
    this.clientsData = clientsData;
  }

  /** Whether this run is the second fixture's. */
  public static boolean clustered() {
    return "cluster".equals(System.getProperty(FIXTURE));
  }

  /** {@link #start(Map, Transmitter)} with mail for other domains sent as the settings say. */
  public static TestedNode start(Map<Setting, String> values) throws Exception {
    Settings settings = Settings.resolve(values, Map.of(), null);
    return start(values, NetworkDelivery.fromSettings(settings));
  }

  /**
   * Starts the fixture of this run with {@code values} (a test's loopback settings).
   *
   * @param network where the queue sends mail for other domains (the primary's, in a cluster)
   */
  public static TestedNode start(Map<Setting, String> values, Transmitter network)
      throws Exception {
    if (!clustered()) {
      MailvaultNode node = MailvaultNode.start(Settings.resolve(values, Map.of(), null), network);
      Path data = Path.of(values.get(Setting.DATA));
      return new TestedNode(node, node, data, data, data);
    }
    return cluster(values, network);
  }

  /**
   * {@link #start(Map)} with the web's clock given (browser sessions, two-factor codes): the clock
   * of the node that serves HTTP, the front-end in a cluster.
   */
  public static TestedNode start(Map<Setting, String> values, Clock webClock) throws Exception {
    Settings settings = Settings.resolve(values, Map.of(), null);
    if (!clustered()) {
      MailvaultNode node = MailvaultNode.start(settings, webClock);
      Path data = Path.of(values.get(Setting.DATA));
      return new TestedNode(node, node, data, data, data);
    }
    return cluster(values, NetworkDelivery.fromSettings(settings), webClock);
  }

  /** The second fixture, whatever this run's: a front-end and a primary on {@code values}. */
  public static TestedNode cluster(Map<Setting, String> values) throws Exception {
    Settings settings = Settings.resolve(values, Map.of(), null);
    return cluster(values, NetworkDelivery.fromSettings(settings));
  }

  /**
   * {@link #cluster(Map)} with {@code network} where the primary's queue sends mail for other
   * domains.
   */
  public static TestedNode cluster(Map<Setting, String> values, Transmitter network)
      throws Exception {
    return cluster(values, network, Clock.systemUTC());
  }

  private static TestedNode cluster(
      Map<Setting, String> values, Transmitter network, Clock webClock) throws Exception {
    Path data = Path.of(values.get(Setting.DATA));
    Path cluster = data.resolve(".cluster");
    Path primaryData = cluster.resolve("primary");
    Path frontendData = cluster.resolve("frontend");
    String directory = prepareCluster(data);
    Map<Setting, String> primaryValues = role(values, "primary", primaryData, directory);
    primaryValues.put(Setting.STORAGE_DIR, data.toString());
    MailvaultNode primary =
        MailvaultNode.start(Settings.resolve(primaryValues, Map.of(), null), network);
    try {
      // One outbound secret for the cluster: DKIM keys and SRS addresses are sealed under it.
      Files.copy(
          primaryData.resolve("outbound.key"),
          frontendData.resolve("outbound.key"),
          StandardCopyOption.REPLACE_EXISTING);
      MailvaultNode frontend =
          MailvaultNode.start(
              Settings.resolve(role(values, "frontend", frontendData, directory), Map.of(), null),
              webClock);
      return new TestedNode(frontend, primary, frontendData, primaryData, data);
    } catch (Exception | Error e) {
      primary.close();
      throw e;
    }
  }

  /**
   * The {@code mailvault} command for what {@link #start} on {@code data} serves, run offline
   * before it starts or through the admin socket while it runs: on the data directory itself, or in
   * a cluster on the primary's, with the cluster's directory database and storage.
   */
  public static CliProcess cli(Path data, Map<String, String> env) throws IOException {
    if (!clustered()) {
      return new CliProcess(data, env);
    }
    Map<String, String> primary = new HashMap<>(env);
    primary.put(Setting.DIRECTORY_URL.env(), prepareCluster(data));
    primary.put(Setting.STORAGE_DIR.env(), data.toString());
    return new CliProcess(data.resolve(".cluster").resolve("primary"), primary);
  }

  /**
   * The settings {@link #cli} runs with on {@code data}, for a test's own set-up and checks on the
   * stopped fixture's directory and vaults: the data directory's, or in a cluster the primary's
   * with the cluster's directory database and storage.
   */
  public static Settings offline(Path data) throws IOException, ConfigException {
    Map<Setting, String> values = new HashMap<>();
    if (!clustered()) {
      values.put(Setting.DATA, data.toString());
    } else {
      values.put(Setting.DATA, data.resolve(".cluster").resolve("primary").toString());
      values.put(Setting.DIRECTORY_URL, prepareCluster(data));
      values.put(Setting.STORAGE_DIR, data.toString());
    }
    return Settings.resolve(values, Map.of(), null);
  }

  /**
   * The cluster's CA, each node's membership and the directory database, made once per data
   * directory (a test may administer it with {@link #cli} before it starts); returns the database's
   * URL.
   */
  private static synchronized String prepareCluster(Path data) throws IOException {
    String prepared = DIRECTORIES.get(data);
    if (prepared != null) {
      return prepared;
    }
    Path cluster = data.resolve(".cluster");
    joinCluster(cluster.resolve("ca"), cluster.resolve("primary"), cluster.resolve("frontend"));
    String directory = PostgresServer.shared().newDatabaseUrl();
    DIRECTORIES.put(data, directory);
    return directory;
  }

  private static void joinCluster(Path ca, Path... nodes) throws IOException {
    ClusterCa.init(ca, Clock.systemUTC());
    for (Path data : nodes) {
      Files.createDirectories(data);
      Path bundle = ca.resolve(data.getFileName() + ".bundle");
      ClusterCa.issue(ca, data.getFileName().toString(), bundle, Clock.systemUTC());
      ClusterCa.join(bundle, data.resolve("cluster"));
    }
  }

  private static Map<Setting, String> role(
      Map<Setting, String> values, String role, Path data, String directory) {
    Map<Setting, String> out = new HashMap<>(values);
    out.put(Setting.ROLE, role);
    out.put(Setting.DATA, data.toString());
    out.put(Setting.DIRECTORY_URL, directory);
    out.put(Setting.CLUSTER_PORT, "0");
    out.put(Setting.HTTP_PORT, "0");
    out.put(Setting.HTTPS_PORT, "0");
    out.put(Setting.BACKUP_SCHEDULE, "false");
    return out;
  }

  /**
   * The data directory of the node with the vaults (the primary's own in a cluster, whose vaults
   * and spools are under the test's data directory): backups and exports are kept there.
   */
  public Path storageData() {
    return storageData;
  }

  /**
   * Every folder where this fixture keeps data at rest, for tests that scan bytes: the test's data
   * directory (the single node's, or the cluster's storage with each node's own folder in it), and
   * in a cluster the PostgreSQL server's files, where the directory lives, checkpointed first so
   * that they hold every commit.
   */
  public List<Path> atRest() {
    if (storage == clients) {
      return List.of(storageData);
    }
    PostgresServer.shared().checkpoint();
    return List.of(testData, PostgresServer.shared().dataDirectory());
  }

  /** The node with the client listeners: the front-end in a cluster. */
  public MailvaultNode clients() {
    return clients;
  }

  /** The node with the vaults, spool and queue: the primary in a cluster. */
  public MailvaultNode storage() {
    return storage;
  }

  /** The certificate the client listeners present (the generated one, unless configured). */
  public Path tlsCertificate() {
    return clientsData.resolve("tls").resolve("cert.pem");
  }

  /**
   * The data directory of the node with the client listeners: its TLS certificate and its security
   * log's key (the front-end's own, in a cluster).
   */
  public Path clientsData() {
    return clientsData;
  }

  /**
   * The HTTP port of each node: one, or the front-end's and the primary's. Each node's {@code
   * /metrics} counts what that node did (a front-end its logins, a primary its deliveries).
   */
  public List<Integer> metricsPorts() {
    return storage == clients
        ? List.of(clients.httpPort())
        : List.of(clients.httpPort(), storage.httpPort());
  }

  /** The HTTP port of the node that serves the web: the front-end in a cluster. */
  public int httpPort() {
    return clients.httpPort();
  }

  /** The HTTPS port of the node that serves the web: the front-end in a cluster. */
  public int httpsPort() {
    return clients.httpsPort();
  }

  /** The browser sessions of the node that serves the web. */
  public WebSessions webSessions() {
    return clients.webSessions();
  }

  public int imapPort() {
    return clients.imapPort();
  }

  public int imapsPort() {
    return clients.imapsPort();
  }

  public int smtpPort() {
    return clients.smtpPort();
  }

  public int submissionPort() {
    return clients.submissionPort();
  }

  public int submissionsPort() {
    return clients.submissionsPort();
  }

  public int pop3Port() {
    return clients.pop3Port();
  }

  public int pop3sPort() {
    return clients.pop3sPort();
  }

  public int manageSievePort() {
    return clients.manageSievePort();
  }

  public Directory directory() {
    return storage.directory();
  }

  public VaultStore vaults() {
    return storage.vaults();
  }

  /** Where submissions are DKIM-signed and queued: the primary's, in a cluster. */
  public Outbox outbox() {
    return storage.outbox();
  }

  public OutboundQueue outboundQueue() {
    return storage.outboundQueue();
  }

  @Override
  public void close() {
    clients.close();
    if (storage != clients) {
      storage.close();
    }
  }
}
