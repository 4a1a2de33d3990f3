package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.backup.BackupFixture;
import dev.mailvault.server.cli.CliProcess.Result;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup create} and {@code backup restore} while {@code serve} runs on the same data
 * directory: the CLI process hands them to the server over its admin socket, the server backs up
 * the vaults it holds open, and a restore ends the IMAP session on the vault with BYE. In a cluster
 * the CLI runs on the primary's machine and the IMAP session is the front-end's.
 */
class ServeBackupTest {

  private static final String OPEN = "open@example.com";
  private static final String LOCKED = "locked@example.com";

  @TempDir Path data;

  @Test
  void backupsAndRestoreGoThroughTheRunningServer() throws Exception {
    BackupFixture.addAlias(data, OPEN);
    BackupFixture.addAlias(data, LOCKED);
    BackupFixture.append(data, OPEN, 1, 3);
    BackupFixture.append(data, LOCKED, 1, 2);
    CliProcess cli = TestedNode.cli(data, Map.of());
    try (TestedNode node = TestedNode.start(settings());
        Socket imap = new Socket("127.0.0.1", node.imapPort())) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(imap.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = imap.getOutputStream();
      assertThat(in.readLine()).startsWith("* OK");
      command(in, out, "a LOGIN " + OPEN + " \"" + BackupFixture.PASSWORD + "\"");
      command(in, out, "b SELECT INBOX");

      Result all = cli.run("backup", "create", "--all");
      assertThat(all.exitCode()).as(all.toString()).isZero();
      assertThat(all.stdout())
          .contains("backed up " + OPEN + ": ")
          .contains("backed up 1 of 1 open mailboxes")
          .doesNotContain(LOCKED);

      // Open in the server: no password needed, and unchanged since the backup above.
      Result open = cli.run("backup", "create", OPEN);
      assertThat(open.stdout()).contains(OPEN + " is unchanged since its backup of");

      // Not open in the server: the CLI is asked for the password and sends it along.
      Result locked =
          cli.runWithInput(
              BackupFixture.PASSWORD + "\n", "backup", "create", LOCKED, "--password-stdin");
      assertThat(locked.exitCode()).as(locked.toString()).isZero();
      assertThat(locked.stdout()).startsWith("backed up " + LOCKED + ": ");

      command(in, out, "c APPEND INBOX {22+}\r\nSubject: after\r\n\r\nbody");
      Result restored =
          cli.runWithInput(
              BackupFixture.PASSWORD + "\n", "backup", "restore", OPEN, "--password-stdin");
      assertThat(restored.exitCode()).as(restored.toString()).isZero();
      assertThat(restored.stdout()).contains("restored " + OPEN, "safety backup: uploaded");
      assertThat(in.readLine()).startsWith("* BYE [UNAVAILABLE]");
      assertThat(in.readLine()).isNull();
    }
    assertThat(BackupFixture.inboxUids(data, OPEN)).containsExactly(1, 2, 3);
  }

  private Map<Setting, String> settings() {
    Map<Setting, String> values = LoopbackNode.settings(data, "mx.example.test");
    values.put(Setting.BACKUP_SCHEDULE, "false");
    return values;
  }

  /** Sends one command and reads up to its tagged OK. */
  private static void command(BufferedReader in, OutputStream out, String line) throws Exception {
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
