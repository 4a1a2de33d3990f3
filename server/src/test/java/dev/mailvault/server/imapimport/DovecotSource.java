package dev.mailvault.server.imapimport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Dovecot ({@code dovecot-imapd}) as an import source: an instance of its own in a scratch
 * directory, in the foreground as this test's child, unprivileged (as {@code nobody} through {@code
 * setpriv} when the tests run as root, as bench/imap-load.sh does, else as the current user), on
 * 127.0.0.1 only, without TLS (so it offers no STARTTLS).
 *
 * <p>Its one account has the Courier-style layout the importer must map (ADR 0146): Maildir++ on
 * disk, '.' as the hierarchy delimiter and every folder but INBOX below the personal namespace
 * prefix {@code INBOX.}; the password is a plain one in a passwd-file.
 */
public final class DovecotSource implements AutoCloseable {

  public static final String USER = "source@example.com";
  public static final String PASSWORD = "the source's long password";

  private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
  private static final Path IMAP_BINARY = Path.of("/usr/lib/dovecot/imap");
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private final Process process;
  private final Path dir;
  private final int port;

  private DovecotSource(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Why the tests that need Dovecot cannot run here, or null when they can. */
  public static String missing() {
    if (!Files.isExecutable(DOVECOT) || !Files.isExecutable(IMAP_BINARY)) {
      return "Debian's dovecot-imapd is not installed ("
          + DOVECOT
          + "): apt-get install dovecot-imapd";
    }
    if (isRoot() && !Files.isExecutable(SETPRIV)) {
      return "running as root without " + SETPRIV + " to start Dovecot as nobody";
    }
    return null;
  }

  /** Writes a configuration under {@code scratch}/dovecot and starts Dovecot on a free port. */
  public static DovecotSource start(Path scratch) throws Exception {
    Path dir = scratch.resolve("dovecot");
    for (String sub : List.of("run", "state", "mail", "home")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Files.writeString(dir.resolve("users"), USER + ":{PLAIN}" + PASSWORD + "\n");
    UserPrincipalLookupService names = dir.getFileSystem().getUserPrincipalLookupService();
    String user;
    String group;
    if (isRoot()) {
      // Dovecot's login processes refuse to run as root: the whole instance runs as nobody,
      // which must own the scratch directory and reach it.
      user = "nobody";
      group = primaryGroupOf(user);
      Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
      UserPrincipal owner = names.lookupPrincipalByName(user);
      GroupPrincipal ownerGroup = names.lookupPrincipalByGroupName(group);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.toList()) {
          PosixFileAttributeView view =
              Files.getFileAttributeView(file, PosixFileAttributeView.class);
          view.setOwner(owner);
          view.setGroup(ownerGroup);
        }
      }
    } else {
      PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
      user = attributes.owner().getName();
      group = attributes.group().getName();
    }
    int uid = (Integer) Files.getAttribute(dir, "unix:uid");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Files.writeString(dir.resolve("dovecot.conf"), config(dir, user, group, uid, port));
      List<String> command = new ArrayList<>();
      if (isRoot()) {
        command.addAll(
            List.of(SETPRIV.toString(), "--reuid=" + user, "--regid=" + group, "--clear-groups"));
      }
      command.addAll(
          List.of(DOVECOT.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString()));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      DovecotSource source = new DovecotSource(process, dir, port);
      try {
        source.awaitListening();
        return source;
      } catch (IOException e) {
        // Another process took the port between our probe and Dovecot's bind: try another one.
        source.close();
        last = e;
      }
    }
    throw last;
  }

  public int port() {
    return port;
  }

  /** Dovecot's own log: logins, disconnects with their reason. */
  public String log() throws IOException {
    Path log = dir.resolve("dovecot.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The account's Maildir++ directory, where folder {@code a.b} is the directory {@code .a.b}. */
  public Path maildir() {
    return dir.resolve("mail").resolve(USER);
  }

  /** SIGTERM to the master, which stops its children; SIGKILL if it does not. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "dovecot exited "
                + process.exitValue()
                + ": "
                + Files.readString(dir.resolve("stdout.log"))
                + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("dovecot is not listening on 127.0.0.1:" + port + " after 20 s");
  }

  private static String config(Path dir, String user, String group, int uid, int port) {
    return """
        # A throwaway Dovecot for import tests: loopback only, no TLS, a plain password.
        base_dir = %1$s/run
        state_dir = %1$s/state
        instance_name = mailvault-import-test
        log_path = %1$s/dovecot.log
        listen = 127.0.0.1
        protocols = imap
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        default_internal_user = %2$s
        default_internal_group = %3$s
        default_login_user = %2$s
        first_valid_uid = %4$d
        # Maildir++ (the default layout): '.' between levels, every folder below INBOX.
        mail_location = maildir:%1$s/mail/%%u
        namespace inbox {
          inbox = yes
          separator = .
          prefix = INBOX.
        }
        service imap-login {
          chroot =
          inet_listener imap {
            address = 127.0.0.1
            port = %5$d
          }
          inet_listener imaps {
            port = 0
          }
        }
        service anvil {
          chroot =
        }
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%%u %1$s/users
        }
        userdb {
          driver = static
          args = uid=%2$s gid=%3$s home=%1$s/home/%%u
        }
        """
        .formatted(dir, user, group, uid, port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static String primaryGroupOf(String user) throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
    String group = new String(id.getInputStream().readAllBytes()).trim();
    if (id.waitFor() != 0) {
      throw new IOException("id -gn " + user + ": " + group);
    }
    return group;
  }
}
