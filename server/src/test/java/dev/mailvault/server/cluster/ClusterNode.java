package dev.mailvault.server.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code mailvault serve --role primary|frontend} of the test cluster, a child JVM on the test
 * class path. Each start (the first and every {@link #restart()}) writes a log of its own, so a
 * wait for a line never matches an earlier life's.
 */
public final class ClusterNode {

  /** The role a node is started with. */
  public enum Role {
    PRIMARY,
    FRONTEND;

    String flag() {
      return this == PRIMARY ? "primary" : "frontend";
    }
  }

  static final Pattern RPC = Pattern.compile("cluster rpc listening on 127\\.0\\.0\\.1:(\\d+)");
  static final Pattern JOINED =
      Pattern.compile("joined the cluster as primary (\\S+) at epoch (\\d+)");
  private static final Pattern IMAP = Pattern.compile("imap listening on 127\\.0\\.0\\.1:(\\d+) ");
  private static final Pattern IMAPS = Pattern.compile("imaps listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern POP3 = Pattern.compile("pop3 listening on 127\\.0\\.0\\.1:(\\d+) ");
  private static final Pattern SMTP = Pattern.compile("smtp listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern SUBMISSION =
      Pattern.compile("submission listening on 127\\.0\\.0\\.1:(\\d+) ");
  private static final Pattern SUBMISSIONS =
      Pattern.compile("submissions listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern HTTPS = Pattern.compile("https listening on 127\\.0\\.0\\.1:(\\d+)");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final String name;
  private final Role role;
  private final Path data;
  private final Path logs;
  private final Map<String, String> env;
  private final List<Path> lives = new ArrayList<>();
  private Process process;
  private Path log;
  private int rpcPort;
  private long epoch;
  private int imapPort;
  private int imapsPort;
  private int pop3Port;
  private int smtpPort;
  private int submissionPort;
  private int submissionsPort;
  private int httpsPort;

  ClusterNode(String name, Role role, Path data, Path logs, Map<String, String> env) {
    this.name = name;
    this.role = role;
    this.data = data;
    this.logs = logs;
    this.env = Map.copyOf(env);
  }

  public String name() {
    return name;
  }

  public Role role() {
    return role;
  }

  public Path data() {
    return data;
  }

  /** The environment the node runs with (the CLI runs with the same). */
  Map<String, String> env() {
    return env;
  }

  /** Starts the JVM without waiting; {@link #awaitUp()} waits for it. */
  synchronized void launch() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    log = logs.resolve(name + "-" + (lives.size() + 1) + ".log");
    lives.add(log);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.mailvault.server.Main",
                    "serve",
                    "--role",
                    role.flag()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    process = builder.start();
  }

  /**
   * Waits until the node is serving: a primary has joined (its RPC port and epoch are read back), a
   * front-end has every client listener up.
   */
  void awaitUp() {
    Process started = process;
    try {
      await(name + " up (" + log + ")")
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (!started.isAlive()) {
                  throw new IllegalStateException(
                      name + " exited " + started.exitValue() + ":\n" + logText());
                }
                return readPorts(logText());
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new IllegalStateException(name + " did not come up:\n" + logText(), e);
    }
  }

  private boolean readPorts(String text) {
    if (role == Role.PRIMARY) {
      Matcher rpc = RPC.matcher(text);
      Matcher joined = JOINED.matcher(text);
      if (!rpc.find() || !joined.find()) {
        return false;
      }
      rpcPort = Integer.parseInt(rpc.group(1));
      epoch = Long.parseLong(joined.group(2));
      return true;
    }
    Matcher imap = IMAP.matcher(text);
    Matcher imaps = IMAPS.matcher(text);
    Matcher pop3 = POP3.matcher(text);
    Matcher smtp = SMTP.matcher(text);
    Matcher submission = SUBMISSION.matcher(text);
    Matcher submissions = SUBMISSIONS.matcher(text);
    Matcher https = HTTPS.matcher(text);
    if (!(imap.find()
        && imaps.find()
        && pop3.find()
        && smtp.find()
        && submission.find()
        && submissions.find()
        && https.find())) {
      return false;
    }
    imapPort = Integer.parseInt(imap.group(1));
    imapsPort = Integer.parseInt(imaps.group(1));
    pop3Port = Integer.parseInt(pop3.group(1));
    smtpPort = Integer.parseInt(smtp.group(1));
    submissionPort = Integer.parseInt(submission.group(1));
    submissionsPort = Integer.parseInt(submissions.group(1));
    httpsPort = Integer.parseInt(https.group(1));
    return true;
  }

  /** The log of the current (or last) life. */
  public Path log() {
    return log;
  }

  /** The log of the current life as it is now. */
  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the current life's log has a match of {@code pattern}; returns the match. */
  public Matcher awaitLog(Pattern pattern, Duration atMost) {
    Matcher[] found = new Matcher[1];
    await(name + " logs /" + pattern + "/ (" + log + ")")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Matcher m = pattern.matcher(logText());
              if (m.find()) {
                found[0] = m;
                return true;
              }
              return false;
            });
    return found[0];
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The port a primary serves RPC on (this life). */
  public int rpcPort() {
    requireRole(Role.PRIMARY);
    return rpcPort;
  }

  /** The epoch a primary joined at (this life). */
  public long epoch() {
    requireRole(Role.PRIMARY);
    return epoch;
  }

  public int imapPort() {
    requireRole(Role.FRONTEND);
    return imapPort;
  }

  public int imapsPort() {
    requireRole(Role.FRONTEND);
    return imapsPort;
  }

  public int pop3Port() {
    requireRole(Role.FRONTEND);
    return pop3Port;
  }

  /** The MX port. */
  public int smtpPort() {
    requireRole(Role.FRONTEND);
    return smtpPort;
  }

  public int submissionPort() {
    requireRole(Role.FRONTEND);
    return submissionPort;
  }

  public int submissionsPort() {
    requireRole(Role.FRONTEND);
    return submissionsPort;
  }

  public int httpsPort() {
    requireRole(Role.FRONTEND);
    return httpsPort;
  }

  private void requireRole(Role wanted) {
    if (role != wanted) {
      throw new IllegalStateException(name + " is a " + role.flag());
    }
  }

  /** SIGKILL (Java's destroyForcibly on Linux): no shutdown hook, no flush, no lease release. */
  public void kill() throws InterruptedException {
    Process p = process;
    p.destroyForcibly();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " survived SIGKILL");
    }
  }

  /** SIGSTOP: the JVM freezes with its sockets open, as a machine that stalls. */
  public void stop() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #stop()}. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException(
          "kill -"
              + signal
              + " "
              + process.pid()
              + " failed: "
              + new String(kill.getInputStream().readAllBytes()));
    }
  }

  /** Starts the node again on the same data directory (after a kill) and waits until it is up. */
  public void restart() throws IOException {
    launch();
    awaitUp();
  }

  /** SIGKILL if running, resumed first in case it was stopped; used when the cluster closes. */
  void destroy() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      // A stopped process dies of SIGKILL too; continue it anyway so nothing lingers frozen.
      if (p.isAlive()) {
        new ProcessBuilder("kill", "-CONT", Long.toString(p.pid()))
            .start()
            .waitFor(5, TimeUnit.SECONDS);
      }
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // Nothing more to do: the process was sent SIGKILL.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (" + role.flag() + ")";
  }
}
