package dev.mailvault.directory.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, for tests: {@code initdb} and
 * {@code pg_ctl} on 127.0.0.1 with trust authentication for the user {@code postgres}. When the JVM
 * runs as root the server runs as the system user {@code postgres} (initdb refuses root), so its
 * data directory is handed to that user. Shared with the server and cluster modules' tests through
 * the directory test jar; it needs no JDBC driver ({@code createdb} makes databases).
 */
public final class PostgresServer implements AutoCloseable {

  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
  private static final int START_ATTEMPTS = 5;
  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  private static PostgresServer shared;

  private final Path bin;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;
  private boolean stopped;

  private PostgresServer(Path bin, Path data, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.data = data;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** True when Debian's PostgreSQL binaries are installed ({@code /usr/lib/postgresql/N/bin}). */
  public static boolean available() {
    return binaries() != null;
  }

  /** One server per JVM, started on first use and stopped by a shutdown hook. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("mailvault-postgres");
        PostgresServer server = start(dir);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      server.close();
                      deleteQuietly(dir);
                    },
                    "postgres-stop"));
        shared = server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /**
   * Starts a server of its own with its data under {@code dir} (for a test that stops it). The
   * caller closes it.
   */
  public static PostgresServer start(Path dir) {
    Path bin = binaries();
    if (bin == null) {
      throw new IllegalStateException("PostgreSQL is not installed under " + DEBIAN_ROOT);
    }
    boolean root = isRoot();
    try {
      Path data = dir.resolve("pgdata");
      Files.createDirectories(data);
      if (root) {
        openPathForOthers(dir);
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(data, postgres);
      }
      Files.setPosixFilePermissions(
          data,
          Set.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));
      run(
          root,
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              "postgres",
              "--auth=trust",
              "--encoding=UTF8",
              "--locale=C"));
      IOException last = null;
      for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
        int port = freePort();
        try {
          run(
              root,
              List.of(
                  bin.resolve("pg_ctl").toString(),
                  "-D",
                  data.toString(),
                  "-o",
                  "-k "
                      + data
                      + " -p "
                      + port
                      + " -c listen_addresses=127.0.0.1 -c fsync=off"
                      + " -c synchronous_commit=off -c full_page_writes=off",
                  "-l",
                  data.resolve("log").toString(),
                  "-w",
                  "-t",
                  "60",
                  "start"));
          return new PostgresServer(bin, data, port, root);
        } catch (IOException e) {
          // Most likely another process took the port between our probe and the server's bind.
          last = e;
        }
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "PostgreSQL did not start in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The TCP port on 127.0.0.1. */
  /** Where this server keeps its files: tables, indexes and the write-ahead log. */
  public Path dataDirectory() {
    return data;
  }

  public int port() {
    return port;
  }

  /**
   * Creates a database with a unique name and returns its URL, {@code
   * postgresql://postgres@127.0.0.1:PORT/NAME}.
   */
  public String newDatabaseUrl() {
    String name = "mv_" + UUID.randomUUID().toString().replace("-", "");
    asClient("createdb", name);
    return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
  }

  /**
   * The JDBC form of a URL from {@link #newDatabaseUrl()}: {@code
   * jdbc:postgresql://HOST:PORT/NAME?user=USER}.
   */
  public String jdbcUrl(String databaseUrl) {
    URI uri = URI.create(databaseUrl);
    String user = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo().split(":", 2)[0];
    return "jdbc:postgresql://"
        + uri.getHost()
        + ":"
        + uri.getPort()
        + uri.getPath()
        + "?user="
        + user;
  }

  /**
   * Writes everything committed so far into the server's files ({@code CHECKPOINT}). The server
   * runs with {@code synchronous_commit=off}, so a test that scans those files for what it stored
   * calls this first, or it could read them before the write-ahead log writer has.
   */
  public void checkpoint() {
    asClient("psql", "-d", "postgres", "-c", "CHECKPOINT");
  }

  /** Runs the client program {@code tool} against this server as {@code postgres}. */
  private void asClient(String tool, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres"));
    command.addAll(List.of(arguments));
    try {
      run(false, command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server ({@code pg_ctl stop -m fast}); a second call does nothing. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      run(
          asPostgresUser,
          List.of(
              bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path binaries() {
    if (!Files.isDirectory(DEBIAN_ROOT)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
          .max(Comparator.comparing(PostgresServer::majorVersion))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static Integer majorVersion(Path bin) {
    try {
      return Integer.valueOf(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The postgres user must be able to reach its data directory through every parent. */
  private static void openPathForOthers(Path dir) throws IOException {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
      if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        Set<PosixFilePermission> more = new java.util.HashSet<>(permissions);
        more.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(p, more);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void run(boolean asPostgresUser, List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path log = Files.createTempFile("postgres-command", ".log");
    try {
      Process process =
          new ProcessBuilder(full)
              .directory(Path.of("/").toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      boolean finished;
      try {
        finished = process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IOException("interrupted: " + String.join(" ", command), e);
      }
      if (!finished) {
        process.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        String output = Files.readString(log, StandardCharsets.UTF_8);
        throw new IOException(
            command.get(0).substring(command.get(0).lastIndexOf('/') + 1)
                + " exited "
                + process.exitValue()
                + ": "
                + output.strip());
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort at JVM exit: the directory is under the temp dir.
    }
  }
}
