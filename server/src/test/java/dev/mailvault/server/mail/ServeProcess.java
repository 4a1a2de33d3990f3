package dev.mailvault.server.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mailvault serve} as a child JVM on the test class path, every port ephemeral; the ports
 * are read back from its log.
 */
public final class ServeProcess implements AutoCloseable {

  private static final Pattern SMTP = Pattern.compile("smtp listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern IMAP = Pattern.compile("imap listening on 127\\.0\\.0\\.1:(\\d+) ");
  private static final Pattern IMAPS = Pattern.compile("imaps listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern POP3 = Pattern.compile("pop3 listening on 127\\.0\\.0\\.1:(\\d+) ");
  private static final Pattern SUBMISSION =
      Pattern.compile("submission listening on 127\\.0\\.0\\.1:(\\d+) ");
  private static final Pattern SUBMISSIONS =
      Pattern.compile("submissions listening on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final Path log;
  private final int smtpPort;
  private final int imapPort;
  private final int imapsPort;
  private final int pop3Port;
  private final int submissionPort;
  private final int submissionsPort;

  private ServeProcess(Process process, Path log, Matcher... ports) {
    this.process = process;
    this.log = log;
    this.smtpPort = Integer.parseInt(ports[0].group(1));
    this.imapPort = Integer.parseInt(ports[1].group(1));
    this.imapsPort = Integer.parseInt(ports[2].group(1));
    this.pop3Port = Integer.parseInt(ports[3].group(1));
    this.submissionPort = Integer.parseInt(ports[4].group(1));
    this.submissionsPort = Integer.parseInt(ports[5].group(1));
  }

  /** Starts {@code serve} on {@code dataDir} and waits until every listener is up. */
  public static ServeProcess start(Path dataDir, Path log)
      throws IOException, InterruptedException {
    return start(dataDir, log, Map.of());
  }

  /**
   * {@link #start(Path, Path)} with more settings in the environment ({@code MAILVAULT_*}), which
   * override the ephemeral ports too.
   */
  public static ServeProcess start(Path dataDir, Path log, Map<String, String> settings)
      throws IOException, InterruptedException {
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
                    "serve"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("MAILVAULT_DATA", dataDir.toString());
    builder.environment().put("MAILVAULT_BIND", "127.0.0.1");
    builder.environment().put("MAILVAULT_HTTP_PORT", "0");
    builder.environment().put("MAILVAULT_HTTPS_PORT", "0");
    builder.environment().put("MAILVAULT_IMAP_PORT", "0");
    builder.environment().put("MAILVAULT_IMAPS_PORT", "0");
    builder.environment().put("MAILVAULT_POP3_PORT", "0");
    builder.environment().put("MAILVAULT_POP3S_PORT", "0");
    builder.environment().put("MAILVAULT_MANAGESIEVE_PORT", "0");
    builder.environment().put("MAILVAULT_SMTP_PORT", "0");
    builder.environment().put("MAILVAULT_SUBMISSION_PORT", "0");
    builder.environment().put("MAILVAULT_SUBMISSIONS_PORT", "0");
    // Not the machine's DNS (ADR 0206's checks ask it at every arrival): see NoDns.
    builder.environment().put("MAILVAULT_DNS_RESOLVERS", NoDns.RESOLVER);
    builder.environment().putAll(settings);
    Process process = builder.start();
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (Instant.now().isBefore(deadline)) {
        String text = Files.readString(log);
        Matcher smtp = SMTP.matcher(text);
        Matcher imap = IMAP.matcher(text);
        Matcher imaps = IMAPS.matcher(text);
        Matcher pop3 = POP3.matcher(text);
        Matcher submission = SUBMISSION.matcher(text);
        Matcher submissions = SUBMISSIONS.matcher(text);
        if (smtp.find()
            && imap.find()
            && imaps.find()
            && pop3.find()
            && submission.find()
            && submissions.find()) {
          return new ServeProcess(process, log, smtp, imap, imaps, pop3, submission, submissions);
        }
        if (!process.isAlive()) {
          throw new IOException("serve exited " + process.exitValue() + ":\n" + text);
        }
        Thread.sleep(50);
      }
      throw new IOException("serve did not start:\n" + Files.readString(log));
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  public int smtpPort() {
    return smtpPort;
  }

  public int imapPort() {
    return imapPort;
  }

  /** The implicit-TLS port (RFC 8314 §3.3). */
  public int imapsPort() {
    return imapsPort;
  }

  /** The POP3 port (STLS). */
  public int pop3Port() {
    return pop3Port;
  }

  /** Submission with STARTTLS (RFC 6409); AUTH without TLS from loopback. */
  public int submissionPort() {
    return submissionPort;
  }

  /** Submission with implicit TLS (RFC 8314 §3.3). */
  public int submissionsPort() {
    return submissionsPort;
  }

  public Path log() {
    return log;
  }

  /** SIGKILL: no shutdown hook, no flush, no close. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("serve survived SIGKILL");
    }
  }

  /** SIGTERM, then SIGKILL if it does not stop. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
