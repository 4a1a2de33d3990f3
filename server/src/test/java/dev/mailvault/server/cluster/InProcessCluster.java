package dev.mailvault.server.cluster;

import dev.mailvault.cluster.ca.ClusterCa;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.mail.LoopbackNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;

/**
 * A cluster in the test's JVM: one {@code --role primary} node and one {@code --role frontend} node
 * with the directory in a fresh PostgreSQL database, talking over the cluster's real WebSocket RPC
 * with mutual TLS on 127.0.0.1. The second fixture of the node tests (issue 18): a test reaches
 * clients' listeners on {@link #frontend()}, and storage on {@link #primary()}.
 */
public final class InProcessCluster implements AutoCloseable {

  private final MailvaultNode primary;
  private final MailvaultNode frontend;

  private InProcessCluster(MailvaultNode primary, MailvaultNode frontend) {
    this.primary = primary;
    this.frontend = frontend;
  }

  /**
   * Starts both nodes under {@code root}, each with {@code extra} settings on top of the loopback
   * ones (ports 0, no DNS, no spam filter).
   */
  public static InProcessCluster start(Path root, String hostname, Map<Setting, String> extra)
      throws IOException, MailvaultException, InterruptedException {
    String directory = PostgresServer.shared().newDatabaseUrl();
    Path primaryData = root.resolve("primary");
    Path frontendData = root.resolve("frontend");
    Path ca = root.resolve("cluster-ca");
    ClusterCa.init(ca, Clock.systemUTC());
    for (Path data : new Path[] {primaryData, frontendData}) {
      String name = data.getFileName().toString();
      Path bundle = root.resolve(name + ".bundle");
      ClusterCa.issue(ca, name, bundle, Clock.systemUTC());
      ClusterCa.join(bundle, data.resolve("cluster"));
    }
    MailvaultNode primary =
        MailvaultNode.start(
            settings(primaryData, hostname, directory, "primary", root.resolve("shared"), extra));
    try {
      // One outbound secret for the cluster: DKIM keys and SRS addresses are sealed under it.
      Files.createDirectories(frontendData);
      Files.copy(
          primaryData.resolve("outbound.key"),
          frontendData.resolve("outbound.key"),
          StandardCopyOption.REPLACE_EXISTING);
      MailvaultNode frontend =
          MailvaultNode.start(settings(frontendData, hostname, directory, "frontend", null, extra));
      return new InProcessCluster(primary, frontend);
    } catch (IOException | MailvaultException | InterruptedException | RuntimeException e) {
      primary.close();
      throw e;
    }
  }

  private static Settings settings(
      Path data,
      String hostname,
      String directory,
      String role,
      Path storage,
      Map<Setting, String> extra)
      throws MailvaultException {
    Map<Setting, String> values = LoopbackNode.settings(data, hostname);
    values.put(Setting.ROLE, role);
    values.put(Setting.DIRECTORY_URL, directory);
    values.put(Setting.CLUSTER_PORT, "0");
    values.put(Setting.BACKUP_SCHEDULE, "false");
    if (storage != null) {
      values.put(Setting.STORAGE_DIR, storage.toString());
    }
    values.putAll(extra);
    return Settings.resolve(values, Map.of(), null);
  }

  /** The node with the client listeners. */
  public MailvaultNode frontend() {
    return frontend;
  }

  /** The node with the vaults, the spool and the queue. */
  public MailvaultNode primary() {
    return primary;
  }

  @Override
  public void close() {
    frontend.close();
    primary.close();
  }
}
