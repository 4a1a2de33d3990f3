package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.DataLayout;
import dev.mailvault.server.backup.BackupFixture;
import dev.mailvault.server.cli.CliProcess.Result;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, security item 4 (ADR 0179): after a start over a data directory an older version left
 * readable, a delivery, a new alias, a login and a backup, every directory under the data directory
 * is {@code rwx------} and every file {@code rw-------}; what an interrupted backup left in {@code
 * staging/} is gone. In a cluster the data directory is the shared storage, with the primary's and
 * the front-end's own data directories in it.
 */
class DataDirectoryModesTest {

  private static final String OWNER = "owner@example.com";

  @TempDir Path data;

  @Test
  void everythingUnderTheDataDirectoryIsTheOwnersAlone() throws Exception {
    BackupFixture.addAlias(data, OWNER);
    Path leftover =
        DataLayout.open(TestedNode.offline(data))
            .backupStaging()
            .resolve("0123-interrupted.vault.tmp");
    Files.createDirectories(leftover.getParent());
    Files.write(leftover, new byte[1024]);
    loosen(data);

    CliProcess cli = TestedNode.cli(data, Map.of());
    Path backups;
    try (TestedNode node = TestedNode.start(settings())) {
      backups = node.storageData().resolve("backups");
      assertThat(leftover).doesNotExist();
      assertThat(modesOf(data)).containsOnly("rwx------ directory", "rw------- file");

      sendMail(node.smtpPort());
      Result added = cli.run("alias", "add", "second@example.com");
      assertThat(added.exitCode()).as(added.toString()).isZero();
      try (Socket imap = new Socket("127.0.0.1", node.imapPort())) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(imap.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = imap.getOutputStream();
        assertThat(in.readLine()).startsWith("* OK");
        imapCommand(in, out, "a LOGIN " + OWNER + " \"" + BackupFixture.PASSWORD + "\"");
        imapCommand(in, out, "b APPEND INBOX {22+}\r\nSubject: after\r\n\r\nbody");
        Result backup = cli.run("backup", "create", "--all");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        // While the vault is open: its -wal and -shm are there too.
        assertThat(modesOf(data)).containsOnly("rwx------ directory", "rw------- file");
      }
    }
    assertThat(Files.list(backups).count()).isPositive();
    assertThat(modesOf(data)).containsOnly("rwx------ directory", "rw------- file");
  }

  /** What an older version left: directories 0755, files 0644. */
  private static void loosen(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.toList()) {
        Files.setPosixFilePermissions(
            path,
            PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  /** Each entry's mode and kind; the data directory itself included. */
  private static List<String> modesOf(Path root) throws IOException {
    List<String> modes = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.toList()) {
        boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        String mode =
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        modes.add(mode + (directory ? " directory" : " file"));
      }
    }
    return modes;
  }

  private Map<Setting, String> settings() {
    Map<Setting, String> values = LoopbackNode.settings(data, "mx.example.test");
    values.put(Setting.BACKUP_SCHEDULE, "false");
    return values;
  }

  /** One message to the owner over SMTP: it waits in the spool until the owner logs in. */
  private static void sendMail(int port) throws IOException {
    try (Socket smtp = new Socket("127.0.0.1", port)) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = smtp.getOutputStream();
      assertThat(in.readLine()).startsWith("220 ");
      smtpCommand(in, out, "HELO client.example", "250 ");
      smtpCommand(in, out, "MAIL FROM:<a@far.example>", "250 ");
      smtpCommand(in, out, "RCPT TO:<" + OWNER + ">", "250 ");
      smtpCommand(in, out, "DATA", "354 ");
      smtpCommand(in, out, "Subject: spooled\r\n\r\nhello\r\n.", "250 ");
      smtpCommand(in, out, "QUIT", "221 ");
    }
  }

  private static void smtpCommand(BufferedReader in, OutputStream out, String line, String reply)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    assertThat(in.readLine()).startsWith(reply);
  }

  private static void imapCommand(BufferedReader in, OutputStream out, String line)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    String tag = line.substring(0, line.indexOf(' '));
    for (String got; (got = in.readLine()) != null; ) {
      if (got.startsWith(tag + " ")) {
        assertThat(got).startsWith(tag + " OK");
        return;
      }
    }
    throw new AssertionError("connection closed during " + line);
  }
}
