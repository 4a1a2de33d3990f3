package dev.mailvault.server.cli;

import dev.mailvault.cluster.ca.ClusterCa;
import dev.mailvault.cluster.ca.ClusterCaException;
import dev.mailvault.cluster.rpc.ClusterTls;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault cluster init|issue|join}: the cluster's certificate authority and each node's
 * certificate (ADR 0277). A new subcommand is one more class in {@code subcommands}.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "cluster",
    description = "Set up the certificates cluster nodes authenticate each other with.",
    subcommands = {
      ClusterCommand.Init.class,
      ClusterCommand.Issue.class,
      ClusterCommand.Join.class
    })
final class ClusterCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;

  Settings settings() throws MailvaultException {
    return top.settings(Map.of());
  }

  DataLayout layout() throws MailvaultException {
    return new DataLayout(settings().dataDir());
  }

  /** Runs a CA step, turning its failure into the CLI's one-line error. */
  private static void ca(Runnable step) throws MailvaultException {
    try {
      step.run();
    } catch (ClusterCaException e) {
      throw new MailvaultException(e.getMessage());
    }
  }

  /** A node name as the CA writes it, or the CLI's one-line error. */
  static String checkedName(String name) throws MailvaultException {
    try {
      return ClusterCa.checkNodeName(name);
    } catch (ClusterCaException e) {
      throw new MailvaultException(e.getMessage());
    }
  }

  private static String joinedName(Path clusterDir) throws MailvaultException {
    try {
      return ClusterTls.load(clusterDir).nodeName();
    } catch (IOException e) {
      throw new MailvaultException("the installed certificate cannot be used: " + e.getMessage());
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "init",
      description = {
        "Create the cluster CA in <data>/cluster-ca and make this node its first member",
        "(named by cluster.node-name, or the host name). Keep <data>/cluster-ca private."
      })
  static final class Init implements Callable<Integer> {
    @ParentCommand ClusterCommand parent;

    @Override
    public Integer call() throws Exception {
      Settings settings = parent.settings();
      DataLayout layout = new DataLayout(settings.dataDir());
      String name = nodeName(settings.get(Setting.CLUSTER_NODE_NAME));
      if (Files.exists(layout.cluster().resolve(ClusterCa.NODE_CERT))) {
        throw new MailvaultException(
            "this node already has a cluster certificate in " + layout.cluster());
      }
      Path bundle = layout.clusterCa().resolve("self.bundle.pem");
      ca(() -> ClusterCa.init(layout.clusterCa(), Clock.systemUTC()));
      try {
        ca(() -> ClusterCa.issue(layout.clusterCa(), name, bundle, Clock.systemUTC()));
        ca(() -> ClusterCa.join(bundle, layout.cluster()));
      } finally {
        Files.deleteIfExists(bundle);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("ca", layout.clusterCa().toString());
      data.put("node", name);
      parent
          .top
          .output()
          .result(
              "cluster CA created in "
                  + layout.clusterCa()
                  + "; this node joined as "
                  + name
                  + System.lineSeparator()
                  + "for each other node: ./mailvault cluster issue NODE --out FILE, then on that"
                  + " node ./mailvault cluster join FILE",
              data);
      return 0;
    }

    private static String nodeName(String configured) throws MailvaultException {
      String name = configured;
      if (name == null || name.isBlank()) {
        try {
          name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
          throw new MailvaultException(
              "cannot tell this host's name; set cluster.node-name (MAILVAULT_CLUSTER_NODE_NAME)");
        }
      }
      return checkedName(name);
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "issue",
      description = {
        "Issue a certificate for another node, on the machine holding the cluster CA.",
        "FILE holds the node's private key: carry it to that node privately, then delete it."
      })
  static final class Issue implements Callable<Integer> {
    @ParentCommand ClusterCommand parent;

    @Parameters(paramLabel = "NODE", description = "The node's name, like a host name.")
    String node;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "Where to write the node's bundle (mode 0600; must not exist).")
    Path out;

    @Override
    public Integer call() throws Exception {
      DataLayout layout = parent.layout();
      if (!Files.exists(layout.clusterCa().resolve(ClusterCa.CA_KEY))) {
        throw new MailvaultException(
            "no cluster CA in " + layout.clusterCa() + " (run ./mailvault cluster init there)");
      }
      String name = checkedName(node);
      ca(() -> ClusterCa.issue(layout.clusterCa(), name, out, Clock.systemUTC()));
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("node", name);
      data.put("bundle", out.toString());
      parent
          .top
          .output()
          .result(
              "certificate for "
                  + name
                  + " written to "
                  + out
                  + System.lineSeparator()
                  + "on that node: ./mailvault cluster join FILE (the file holds its key: keep it"
                  + " private and delete it afterwards)",
              data);
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "join",
      description = "Install a bundle from 'cluster issue' as this node's cluster identity.")
  static final class Join implements Callable<Integer> {
    @ParentCommand ClusterCommand parent;

    @Parameters(paramLabel = "FILE", description = "The bundle 'cluster issue' wrote.")
    Path bundle;

    @Override
    public Integer call() throws Exception {
      DataLayout layout = parent.layout();
      ca(() -> ClusterCa.join(bundle, layout.cluster()));
      String name = joinedName(layout.cluster());
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("node", name);
      data.put("directory", layout.cluster().toString());
      parent
          .top
          .output()
          .result("joined the cluster as " + name + " (" + layout.cluster() + ")", data);
      return 0;
    }
  }
}
