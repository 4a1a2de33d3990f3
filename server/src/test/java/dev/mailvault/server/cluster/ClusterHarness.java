package dev.mailvault.server.cluster;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.fs.OwnerOnly;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.cli.CliProcess;
import dev.mailvault.server.cluster.ClusterNode.Role;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.mail.NoDns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 18's test cluster on one machine: a PostgreSQL directory (the shared {@link
 * PostgresServer}, a fresh database per cluster), primaries sharing one storage directory and
 * front-ends, each its own {@code mailvault serve} child JVM on loopback with ephemeral ports,
 * joined by a cluster CA that the CLI sets up ({@code cluster init|issue|join}). Closing kills
 * every node; PostgreSQL stops by its own hook.
 */
public final class ClusterHarness implements AutoCloseable {

  /** Which primary holds the lease of a vault, and at which fencing epoch. */
  public record Owner(String primary, long epoch) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final String directoryUrl;
  private final List<ClusterNode> primaries = new ArrayList<>();
  private final List<ClusterNode> frontends = new ArrayList<>();
  private final Set<String> domains = new HashSet<>();
  private final Map<String, String> adminEnv;
  private Directory directory;

  private ClusterHarness(Path root, String directoryUrl) {
    this.root = root;
    this.directoryUrl = directoryUrl;
    this.adminEnv = new HashMap<>(common(root.resolve("admin")));
    adminEnv.put("MAILVAULT_STORAGE_DIR", root.resolve("shared").toString());
  }

  /**
   * Sets up certificates for {@code primaries} primaries ({@code p1}, {@code p2}, ...) and {@code
   * frontends} front-ends ({@code f1}, {@code f2}, ...) under {@code root}, starts them all and
   * waits until every primary has joined and every front-end listens.
   */
  public static ClusterHarness start(Path root, int primaries, int frontends) throws Exception {
    ClusterHarness cluster = new ClusterHarness(root, PostgresServer.shared().newDatabaseUrl());
    try {
      cluster.create(primaries, frontends);
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private void create(int primaryCount, int frontendCount) throws Exception {
    Path logs = Files.createDirectories(root.resolve("logs"));
    Path shared = OwnerOnly.createDirectories(root.resolve("shared"));
    for (int i = 1; i <= primaryCount; i++) {
      Map<String, String> env = new HashMap<>(nodeEnv("p" + i));
      env.put("MAILVAULT_STORAGE_DIR", shared.toString());
      primaries.add(new ClusterNode("p" + i, Role.PRIMARY, data("p" + i), logs, env));
    }
    for (int i = 1; i <= frontendCount; i++) {
      frontends.add(new ClusterNode("f" + i, Role.FRONTEND, data("f" + i), logs, nodeEnv("f" + i)));
    }
    if (primaries.isEmpty()) {
      // The directory alone: there is no CA without a first primary.
      return;
    }
    ClusterNode first = primaries.get(0);
    cli(first, null, "cluster", "init");
    Path bundles = OwnerOnly.createDirectories(root.resolve("bundles"));
    List<CompletableFuture<Void>> joins = new ArrayList<>();
    for (ClusterNode node : nodes()) {
      if (node == first) {
        continue;
      }
      Path bundle = bundles.resolve(node.name() + ".bundle");
      // Issued one at a time by the CA's node; joined in parallel, each in its own directory.
      cli(first, null, "cluster", "issue", node.name(), "--out", bundle.toString());
      joins.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  cli(node, null, "cluster", "join", bundle.toString());
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              }));
    }
    try {
      CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
    for (ClusterNode primary : primaries) {
      primary.launch();
    }
    for (ClusterNode primary : primaries) {
      primary.awaitUp();
    }
    for (ClusterNode frontend : frontends) {
      frontend.launch();
    }
    for (ClusterNode frontend : frontends) {
      frontend.awaitUp();
    }
  }

  /** A node's data directory, owner-only from the start as the node wants it (ADR 0179). */
  private Path data(String node) throws IOException {
    return OwnerOnly.createDirectories(root.resolve(node));
  }

  private Map<String, String> nodeEnv(String node) {
    Map<String, String> env = common(root.resolve(node));
    env.put("MAILVAULT_CLUSTER_NODE_NAME", node);
    env.put("MAILVAULT_CLUSTER_PORT", "0");
    env.put("MAILVAULT_CLUSTER_LEASE", "3");
    env.put("MAILVAULT_CLUSTER_RPC_TIMEOUT", "3");
    return env;
  }

  /** What every node and the CLI share: the directory, loopback, ephemeral ports, no DNS. */
  private Map<String, String> common(Path data) {
    Map<String, String> env = new HashMap<>();
    env.put("MAILVAULT_DATA", data.toString());
    env.put("MAILVAULT_DIRECTORY_URL", directoryUrl);
    env.put("MAILVAULT_BIND", "127.0.0.1");
    for (String port :
        List.of(
            "HTTP",
            "HTTPS",
            "IMAP",
            "IMAPS",
            "POP3",
            "POP3S",
            "MANAGESIEVE",
            "SMTP",
            "SUBMISSION",
            "SUBMISSIONS")) {
      env.put("MAILVAULT_" + port + "_PORT", "0");
    }
    env.put("MAILVAULT_DNS_RESOLVERS", NoDns.RESOLVER);
    env.put("MAILVAULT_BACKUP_SCHEDULE", "false");
    return env;
  }

  public List<ClusterNode> primaries() {
    return List.copyOf(primaries);
  }

  public List<ClusterNode> frontends() {
    return List.copyOf(frontends);
  }

  public ClusterNode primary(String name) {
    return primaries.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no primary " + name));
  }

  /**
   * For a failing test's report: every WARN and ERROR line the nodes logged, each led by its log's
   * name, and how many files wait in the shared spool. Logs carry no address or content.
   */
  public String diagnostics() throws IOException {
    StringBuilder out = new StringBuilder();
    try (var logs = Files.list(root.resolve("logs"))) {
      for (Path log : logs.sorted().toList()) {
        for (String line : Files.readAllLines(log)) {
          if (line.contains(" WARN ") || line.contains(" ERROR ")) {
            out.append(log.getFileName()).append(": ").append(line).append('\n');
          }
        }
      }
    }
    Path spool = root.resolve("shared").resolve("spool");
    if (Files.isDirectory(spool)) {
      try (var files = Files.walk(spool)) {
        out.append("spool files: ").append(files.filter(Files::isRegularFile).count());
      }
    }
    return out.toString();
  }

  private List<ClusterNode> nodes() {
    List<ClusterNode> all = new ArrayList<>(primaries);
    all.addAll(frontends);
    return all;
  }

  /** The database URL of this cluster's directory. */
  public String directoryUrl() {
    return directoryUrl;
  }

  /**
   * Adds {@code address} (and its domain, once) with the CLI, as an operator would; returns its
   * password, generated here and given on standard input.
   */
  public String addAlias(String address) throws Exception {
    String domain = EmailAddress.parse(address).domain().toString();
    if (domains.add(domain)) {
      cliAdmin(null, "domain", "add", domain);
    }
    String password = password();
    cliAdmin(password + "\n", "alias", "add", address, "--password-stdin");
    return password;
  }

  /** The vault id of an alias, as the directory routes it. */
  public String vaultIdOf(String address) throws Exception {
    return directory()
        .findAlias(EmailAddress.parse(address))
        .orElseThrow(() -> new IllegalArgumentException("no alias " + address))
        .vaultId();
  }

  /**
   * Moves {@code vaultId} to {@code primary} with the CLI ({@code cluster move}), as an operator.
   */
  public void move(String vaultId, String primary) throws Exception {
    cliAdmin(null, "cluster", "move", vaultId, primary);
  }

  /** The primary holding the lease of {@code vaultId} now, as the directory records it. */
  public Optional<Owner> ownerOf(String vaultId) throws Exception {
    return directory()
        .clusterRegistry()
        .currentOwner(vaultId)
        .map(owner -> new Owner(owner.primary(), owner.epoch()));
  }

  /** The running primary that owns {@code vaultId}, if one does. */
  public Optional<ClusterNode> owningPrimary(String vaultId) throws Exception {
    Optional<Owner> owner = ownerOf(vaultId);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    return primaries.stream().filter(p -> p.name().equals(owner.get().primary())).findFirst();
  }

  /** Waits until {@code node}'s current log matches {@code pattern}; returns the match. */
  public Matcher awaitLog(ClusterNode node, Pattern pattern, Duration atMost) {
    return node.awaitLog(pattern, atMost);
  }

  private synchronized Directory directory() throws Exception {
    if (directory == null) {
      Settings settings = Settings.resolve(Map.of(), adminEnv, null);
      directory = Directories.open(DataLayout.open(root.resolve("admin")), settings);
    }
    return directory;
  }

  private void cliAdmin(String stdin, String... args) throws Exception {
    OwnerOnly.createDirectories(root.resolve("admin"));
    check(new CliProcess(root.resolve("admin"), adminEnv).runWithInput(stdin, args), args);
  }

  private static void cli(ClusterNode node, String stdin, String... args) throws Exception {
    check(new CliProcess(node.data(), node.env()).runWithInput(stdin, args), args);
  }

  private static void check(CliProcess.Result result, String... args) {
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "mailvault "
              + String.join(" ", args)
              + " exited "
              + result.exitCode()
              + ": "
              + result.stderr()
              + result.stdout());
    }
  }

  private static String password() {
    StringBuilder password = new StringBuilder();
    String letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < 24; i++) {
      password.append(letters.charAt(RANDOM.nextInt(letters.length())));
    }
    return password.toString();
  }

  /** Kills every node (resuming a stopped one) and closes the directory; PostgreSQL stays up. */
  @Override
  public void close() {
    List<ClusterNode> all = nodes();
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).destroy();
    }
    if (directory != null) {
      try {
        directory.close();
      } catch (Exception e) {
        // The nodes are gone; a directory that does not close cleanly changes no result.
      }
      directory = null;
    }
  }
}
