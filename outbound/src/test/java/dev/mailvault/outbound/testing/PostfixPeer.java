package dev.mailvault.outbound.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Debian's Postfix as a remote MX for tests: its own {@code smtpd} on a 127.0.0.x address and a
 * free port, with its own certificate (from a {@link TestCa}), configuration and queue under the
 * test's directory, never the system instance. It is a whole Postfix ({@code postfix start-fg}:
 * master, smtpd, cleanup, qmgr, virtual), so what a test sees is what a real MX does: its EHLO
 * (STARTTLS, SIZE, 8BITMIME, DSN, SMTPUTF8, no REQUIRETLS in 3.7), its replies, its Received field.
 *
 * <p>Recipients: each {@link #mailbox} address is accepted and delivered by Postfix's {@code
 * virtual} agent into a Maildir under {@code mail/<domain>/<local>/} (as uid 65534, so the
 * directories above it are made traversable); any other address of the same domains gets Postfix's
 * own {@code 550 5.1.1}. {@link #refuse} and {@link #defer} give an address a chosen 5xx or 4xx
 * reply at RCPT through {@code check_recipient_access} with a {@code texthash} map. {@link
 * #messages} reads what was delivered, byte for byte as Maildir holds it (LF line ends, with
 * Postfix's Return-Path, Delivered-To and Received on top).
 *
 * <p>Postfix logs to {@code maillog} in its directory. Runs as root (as CI does). Close stops the
 * master (the child of {@code postfix start-fg}) and waits for it.
 */
public final class PostfixPeer implements AutoCloseable {

  private final Path directory;
  private final String address;
  private final String hostName;
  private final Set<String> mailboxes = new LinkedHashSet<>();
  private final Map<String, String> access = new LinkedHashMap<>();
  private final List<String> hiddenKeywords = new ArrayList<>();
  private int endOfDataSleepSeconds;
  private boolean logDialogue;
  private TestCa.Issued certificate;
  private Process process;
  private int port;

  /**
   * @param directory a fresh directory for its configuration, queue, mail and log
   * @param address the loopback address it listens on, e.g. {@code 127.0.0.2}
   * @param hostName its name in the greeting and the Received field
   */
  public PostfixPeer(Path directory, String address, String hostName) {
    this.directory = directory;
    this.address = address;
    this.hostName = hostName;
  }

  /** An address it accepts and delivers. */
  public PostfixPeer mailbox(String recipient) {
    mailboxes.add(recipient);
    return this;
  }

  /** An address it refuses at RCPT with {@code reply}, e.g. {@code 550 5.7.1 refused}. */
  public PostfixPeer refuse(String recipient, String reply) {
    access.put(recipient, reply);
    return this;
  }

  /** An address it defers at RCPT with {@code reply}, e.g. {@code 451 4.3.0 try later}. */
  public PostfixPeer defer(String recipient, String reply) {
    access.put(recipient, reply);
    return this;
  }

  /**
   * Listens on {@code fixedPort} rather than a free one: peers on different addresses that stand
   * for MX hosts of one test share the port the transmitter uses.
   */
  public PostfixPeer onPort(int fixedPort) {
    this.port = fixedPort;
    return this;
  }

  /** Leaves {@code keywords} out of its EHLO reply ({@code smtpd_discard_ehlo_keywords}). */
  public PostfixPeer hideEhloKeywords(String... keywords) {
    hiddenKeywords.addAll(List.of(keywords));
    return this;
  }

  /**
   * The slow mode: it waits {@code seconds} after the final dot before it answers, with Postfix's
   * {@code sleep} restriction at end of data (for tests that must catch a delivery in flight).
   */
  public PostfixPeer slowEndOfData(int seconds) {
    this.endOfDataSleepSeconds = seconds;
    return this;
  }

  /**
   * Logs every command a client on loopback sends ({@code debug_peer_list}), so a test can read in
   * {@link #log} what reached Postfix: the MAIL and RCPT parameters, for example.
   */
  public PostfixPeer logDialogue() {
    this.logDialogue = true;
    return this;
  }

  /** The certificate it offers after STARTTLS; without one it offers no STARTTLS. */
  public PostfixPeer certificate(TestCa.Issued issued) {
    this.certificate = issued;
    return this;
  }

  public PostfixPeer start() throws IOException, InterruptedException, GeneralSecurityException {
    if (port == 0) {
      port = freePort(address);
    }
    Path conf = Files.createDirectories(directory.resolve("conf"));
    Path queue = Files.createDirectories(directory.resolve("queue"));
    Path data = Files.createDirectories(directory.resolve("data"));
    Path mail = Files.createDirectories(directory.resolve("mail"));
    UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(data, users.lookupPrincipalByName("postfix"));
    Files.setOwner(mail, users.lookupPrincipalByName("nobody"));
    traversable(directory);
    Set<String> domains = new LinkedHashSet<>();
    List<String> mailboxLines = new ArrayList<>();
    for (String recipient : mailboxes) {
      String domain = recipient.substring(recipient.indexOf('@') + 1);
      domains.add(domain);
      mailboxLines.add(recipient + " " + mailboxPath(recipient));
    }
    access.keySet().forEach(r -> domains.add(r.substring(r.indexOf('@') + 1)));
    Files.write(conf.resolve("mailboxes"), mailboxLines);
    List<String> accessLines = new ArrayList<>();
    access.forEach((recipient, reply) -> accessLines.add(recipient + " " + reply));
    Files.write(conf.resolve("access"), accessLines);
    List<String> main = new ArrayList<>();
    main.add("compatibility_level = 3.6");
    main.add("queue_directory = " + queue);
    main.add("data_directory = " + data);
    main.add("maillog_file_prefixes = " + directory);
    main.add("maillog_file = " + directory.resolve("maillog"));
    main.add("myhostname = " + hostName);
    main.add("mydestination =");
    main.add("inet_interfaces = loopback-only");
    main.add("inet_protocols = ipv4");
    main.add("mynetworks = 127.0.0.0/8");
    main.add("smtpd_peername_lookup = no");
    main.add("smtp_dns_support_level = disabled");
    // Clients on loopback would otherwise get headers added: a test compares bytes as sent.
    main.add("local_header_rewrite_clients =");
    main.add("virtual_mailbox_domains = " + String.join(" ", domains));
    main.add("virtual_mailbox_base = " + mail);
    main.add("virtual_mailbox_maps = texthash:" + conf.resolve("mailboxes"));
    main.add("virtual_uid_maps = static:65534");
    main.add("virtual_gid_maps = static:65534");
    main.add(
        "smtpd_recipient_restrictions = check_recipient_access texthash:"
            + conf.resolve("access")
            + ", permit_mynetworks, reject_unauth_destination");
    main.add("smtputf8_enable = yes");
    main.add("message_size_limit = 10240000");
    if (!hiddenKeywords.isEmpty()) {
      main.add("smtpd_discard_ehlo_keywords = " + String.join(" ", hiddenKeywords));
    }
    if (logDialogue) {
      main.add("debug_peer_list = 127.0.0.0/8");
    }
    if (endOfDataSleepSeconds > 0) {
      main.add("smtpd_end_of_data_restrictions = sleep " + endOfDataSleepSeconds + ", permit");
    }
    if (certificate != null) {
      Path chain = conf.resolve("chain.pem");
      certificate.writePem(chain);
      main.add("smtpd_tls_security_level = may");
      main.add("smtpd_tls_chain_files = " + chain);
      main.add("smtpd_tls_received_header = yes");
    }
    Files.write(conf.resolve("main.cf"), main);
    Files.writeString(conf.resolve("master.cf"), masterCf());
    process =
        new ProcessBuilder("postfix", "-c", conf.toString(), "start-fg")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("postfix.out").toFile())
            .start();
    awaitListening();
    return this;
  }

  private String masterCf() {
    // No chroot (the default's "y" would need copies of /etc files in the queue directory).
    return String.join(
        "\n",
        address + ":" + port + " inet n - n - - smtpd",
        "pickup unix n - n 60 1 pickup",
        "cleanup unix n - n - 0 cleanup",
        "qmgr unix n - n 300 1 qmgr",
        "tlsmgr unix - - n 1000? 1 tlsmgr",
        "rewrite unix - - n - - trivial-rewrite",
        "bounce unix - - n - 0 bounce",
        "defer unix - - n - 0 bounce",
        "trace unix - - n - 0 bounce",
        "verify unix - - n - 1 verify",
        "flush unix n - n 1000? 0 flush",
        "proxymap unix - - n - - proxymap",
        "proxywrite unix - - n - 1 proxymap",
        "showq unix n - n - - showq",
        "error unix - - n - - error",
        "retry unix - - n - - error",
        "discard unix - - n - - discard",
        "virtual unix - n n - - virtual",
        "anvil unix - - n - 1 anvil",
        "scache unix - - n - 1 scache",
        "postlog unix-dgram n - n - 1 postlogd",
        "");
  }

  public String address() {
    return address;
  }

  public int port() {
    return port;
  }

  public String hostName() {
    return hostName;
  }

  /** Every message delivered to {@code recipient} so far, oldest first, as Maildir holds it. */
  public List<byte[]> messages(String recipient) throws IOException {
    Path inbox = directory.resolve("mail").resolve(mailboxPath(recipient)).resolve("new");
    if (!Files.isDirectory(inbox)) {
      return List.of();
    }
    List<byte[]> messages = new ArrayList<>();
    try (Stream<Path> files = Files.list(inbox)) {
      for (Path file : files.sorted().toList()) {
        messages.add(Files.readAllBytes(file));
      }
    }
    return messages;
  }

  /** Waits until {@code count} messages were delivered to {@code recipient}, and returns them. */
  public List<byte[]> awaitMessages(String recipient, int count) {
    // Postfix answers 250 once the message is queued; the virtual agent delivers it just after.
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> messages(recipient), messages -> messages.size() >= count);
  }

  /** Postfix's log, for a failing test's message. */
  public String log() throws IOException {
    Path log = directory.resolve("maillog");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static String mailboxPath(String recipient) {
    int at = recipient.indexOf('@');
    return recipient.substring(at + 1) + "/" + recipient.substring(0, at) + "/";
  }

  private void awaitListening() throws IOException, InterruptedException {
    for (int i = 0; i < 1000; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), 1000);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive() && process.exitValue() != 0) {
          throw new IOException(
              "postfix exited: " + Files.readString(directory.resolve("postfix.out")) + log());
        }
        process.waitFor(20, TimeUnit.MILLISECONDS);
      }
    }
    throw new IOException("postfix did not listen on " + address + ":" + port + ": " + log());
  }

  private static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    }
  }

  /** The virtual agent runs as uid 65534: every directory down to the mail must let it pass. */
  private static void traversable(Path directory) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
    for (Path p = directory.toRealPath();
        p != null && p.startsWith(tmp) && !p.equals(tmp);
        p = p.getParent()) {
      Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(p));
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      Files.setPosixFilePermissions(p, permissions);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process == null) {
      return;
    }
    // postfix-script start-fg waits for its child, the master: SIGTERM to the master stops it and
    // its services (then the script, in case it lingers).
    process
        .descendants()
        .filter(h -> h.info().command().map(c -> c.endsWith("/master")).orElse(false))
        .forEach(
            master -> {
              master.destroy();
              master.onExit().join();
            });
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
