package dev.mailvault.mailauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.mailauth.rspamd.RspamdClient;
import dev.mailvault.mailauth.rspamd.RspamdEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real rspamd from Debian (issue 16), started on loopback with a test configuration, and the
 * redis-server its Bayes statistics live in (no persistence). The configuration ({@code
 * src/test/resources/rspamd}) turns off every module that would use the network or change verdicts,
 * keeps SPF, DKIM and DMARC on (so a test can see our results replace their look-ups), points DNS
 * at a port that answers nothing, and adds: GTUBE is rejected (rspamd's own rule), {@code
 * X-Mailvault-Test: spam} scores 8 (add header), {@code X-Mailvault-Test: tempfail} is a soft
 * reject, and per-user Bayes counts from the first lesson.
 *
 * <p>{@link #start} returns once both workers answer {@code /ping}; {@link #close} stops rspamd and
 * Redis and waits for them. Skip a test with {@link #available()} when the binaries are absent.
 */
public final class RspamdDaemon implements AutoCloseable {

  private static final List<String> CONFIG_FILES =
      List.of(
          "local.d/worker-normal.inc",
          "local.d/worker-controller.inc",
          "local.d/redis.conf",
          "local.d/logging.inc",
          "local.d/options.inc",
          "local.d/classifier-bayes.conf",
          "local.d/multimap.conf",
          "override.d/worker-proxy.inc",
          "override.d/worker-fuzzy.inc",
          "override.d/greylist.conf",
          "override.d/rbl.conf",
          "override.d/asn.conf",
          "override.d/fuzzy_check.conf",
          "override.d/dcc.conf",
          "override.d/emails.conf",
          "override.d/hfilter.conf",
          "override.d/mx_check.conf",
          "override.d/reputation.conf",
          "override.d/replies.conf",
          "override.d/ratelimit.conf",
          "override.d/neural.conf",
          "override.d/history_redis.conf",
          "override.d/url_redirector.conf",
          "override.d/phishing.conf");

  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Set<PosixFilePermission> OPEN = PosixFilePermissions.fromString("rwxrwxrwx");

  private final Path dir;
  private final int scannerPort;
  private final int controllerPort;
  private final int redisPort;
  private final Process redis;
  private Process rspamd;

  private RspamdDaemon(
      Path dir, int scannerPort, int controllerPort, int redisPort, Process redis) {
    this.dir = dir;
    this.scannerPort = scannerPort;
    this.controllerPort = controllerPort;
    this.redisPort = redisPort;
    this.redis = redis;
  }

  /** Whether rspamd, redis-server and redis-cli are installed (Debian packages rspamd, redis). */
  public static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/rspamd"))
        && Files.isExecutable(Path.of("/usr/bin/redis-server"))
        && Files.isExecutable(Path.of("/usr/bin/redis-cli"));
  }

  /** Starts Redis and rspamd with their files under {@code dir}, and waits until they answer. */
  public static RspamdDaemon start(Path dir) throws IOException, InterruptedException {
    int redisPort = freePort();
    int scannerPort = freePort();
    int controllerPort = freePort();
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    Process redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                String.valueOf(redisPort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                redisDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    RspamdDaemon daemon = new RspamdDaemon(dir, scannerPort, controllerPort, redisPort, redis);
    try {
      daemon.awaitRedis();
      daemon.writeConfig();
      daemon.startRspamd();
      return daemon;
    } catch (IOException | InterruptedException | RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  /** The normal worker: {@code /checkv2}, {@code /ping}. */
  public URI scanner() {
    return URI.create("http://127.0.0.1:" + scannerPort);
  }

  /** The controller: {@code /learnspam}, {@code /learnham}, {@code /stat}. */
  public URI controller() {
    return URI.create("http://127.0.0.1:" + controllerPort);
  }

  /** Both endpoints, without a password (the controller trusts loopback). */
  public RspamdEndpoints endpoints(Duration timeout) {
    return new RspamdEndpoints(scanner(), controller(), Optional.empty(), timeout);
  }

  /** Stops rspamd (Redis stays) and waits until it has exited: rspamd is down. */
  public void stopRspamd() throws InterruptedException {
    if (rspamd == null) {
      return;
    }
    List<ProcessHandle> workers = rspamd.descendants().toList();
    rspamd.destroy();
    if (!rspamd.waitFor(30, TimeUnit.SECONDS)) {
      rspamd.destroyForcibly().waitFor();
    }
    for (ProcessHandle worker : workers) {
      worker.destroyForcibly();
      worker.onExit().join();
    }
    rspamd = null;
  }

  /** The controller's {@code /stat}: {@code learned}, {@code scanned}, per-statfile counts. */
  public JsonNode stat() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(controller().resolve("/stat"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("rspamd /stat answered HTTP " + response.statusCode());
    }
    return new ObjectMapper().readTree(response.body());
  }

  /**
   * How many messages {@code user}'s Bayes statistics learned as {@code lesson}, read from Redis
   * (rspamd keeps per-user counts in the hash {@code RS<user>}).
   */
  public long learns(String user, SpamLearning.Lesson lesson)
      throws IOException, InterruptedException {
    String field = lesson == SpamLearning.Lesson.SPAM ? "learns_spam" : "learns_ham";
    Process cli =
        new ProcessBuilder(
                "redis-cli",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(redisPort),
                "HGET",
                "RS" + user,
                field)
            .redirectErrorStream(true)
            .start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    if (cli.waitFor() != 0) {
      throw new IOException("redis-cli failed: " + out);
    }
    return out.isEmpty() ? 0 : Long.parseLong(out);
  }

  /** Stops rspamd and Redis and waits for both. */
  @Override
  public void close() throws InterruptedException {
    try {
      stopRspamd();
    } finally {
      redis.destroy();
      if (!redis.waitFor(30, TimeUnit.SECONDS)) {
        redis.destroyForcibly().waitFor();
      }
    }
  }

  private void writeConfig() throws IOException {
    Path conf = dir.resolve("conf");
    for (String file : CONFIG_FILES) {
      String text;
      try (InputStream in = RspamdDaemon.class.getResourceAsStream("/rspamd/" + file)) {
        if (in == null) {
          throw new IOException("missing test resource rspamd/" + file);
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      text =
          text.replace("@SCANNER_PORT@", String.valueOf(scannerPort))
              .replace("@CONTROLLER_PORT@", String.valueOf(controllerPort))
              .replace("@REDIS_PORT@", String.valueOf(redisPort))
              .replace("@HS_CACHE_DIR@", hyperscanCache().toString());
      Path target = conf.resolve(file);
      Files.createDirectories(target.getParent());
      Files.writeString(target, text, StandardCharsets.UTF_8);
    }
  }

  private void startRspamd() throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> command = new ArrayList<>(List.of("rspamd", "-f"));
    if (root) {
      // rspamd refuses to run as root: its workers run as the package's user, who must reach and
      // write the directories (a JUnit @TempDir is 0700).
      command.addAll(List.of("-u", "_rspamd", "-g", "_rspamd"));
      openPath(dir);
    }
    Path db = open(dir.resolve("db"));
    Path run = open(dir.resolve("run"));
    Path log = open(dir.resolve("log"));
    openTree(dir.resolve("conf"));
    command.addAll(
        List.of(
            "-c",
            "/etc/rspamd/rspamd.conf",
            "--var=LOCAL_CONFDIR=" + dir.resolve("conf"),
            "--var=DBDIR=" + db,
            "--var=RUNDIR=" + run,
            "--var=LOGDIR=" + log));
    rspamd =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rspamd.log").toFile()))
            .start();
    RspamdClient scannerClient = new RspamdClient(endpoints(Duration.ofSeconds(2)));
    RspamdClient controllerClient =
        new RspamdClient(
            new RspamdEndpoints(
                controller(), controller(), Optional.empty(), Duration.ofSeconds(2)));
    long deadline = System.nanoTime() + STARTUP.toNanos();
    // The controller answers /ping too; the scan and the lessons both need their worker.
    while (!(scannerClient.ping() && controllerClient.ping())) {
      if (!rspamd.isAlive()) {
        throw new IOException("rspamd exited: " + tail(dir.resolve("rspamd.log")));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("rspamd did not answer /ping: " + tail(dir.resolve("rspamd.log")));
      }
      rspamd.waitFor(50, TimeUnit.MILLISECONDS);
    }
  }

  private void awaitRedis() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redisPort)) {
        socket.setSoTimeout(2000);
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] answer = socket.getInputStream().readNBytes(7);
        if (new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!redis.isAlive()) {
        throw new IOException("redis-server exited: " + tail(dir.resolve("redis.log")));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("redis-server did not answer PING");
      }
      redis.waitFor(20, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The Hyperscan cache every test daemon shares (compiled regular expressions, no mail): building
   * the TLD list's database is most of rspamd's start-up.
   */
  private static Path hyperscanCache() throws IOException {
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "mailvault-rspamd-hs-cache");
    Files.createDirectories(cache);
    if (!Files.getPosixFilePermissions(cache).equals(OPEN)) {
      Files.setPosixFilePermissions(cache, OPEN);
    }
    return cache;
  }

  private static Path open(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, OPEN);
    return directory;
  }

  /** Lets every user traverse {@code directory} and each of its parents (adds o+x, a+r on it). */
  private static void openPath(Path directory) throws IOException {
    Path at = directory.toAbsolutePath();
    Set<PosixFilePermission> own = EnumSet.copyOf(Files.getPosixFilePermissions(at));
    own.addAll(EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
    Files.setPosixFilePermissions(at, own);
    for (Path parent = at.getParent(); parent != null; parent = parent.getParent()) {
      Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(parent));
      if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
        Files.setPosixFilePermissions(parent, permissions);
      }
    }
  }

  /** Lets every user read the configuration (rspamd's workers re-read it). */
  private static void openTree(Path conf) throws IOException {
    try (var paths = Files.walk(conf)) {
      for (Path path : paths.toList()) {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
        permissions.add(PosixFilePermission.OTHERS_READ);
        if (Files.isDirectory(path)) {
          permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(path, permissions);
      }
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
