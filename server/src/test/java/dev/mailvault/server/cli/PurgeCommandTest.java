package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.PurgeFixture;
import dev.mailvault.server.backup.S3BackupTarget;
import dev.mailvault.server.backup.S3ProxyFixture;
import dev.mailvault.server.cli.CliProcess.Result;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault purge} as an operator's script runs it: a real process, real targets; in a
 * cluster, on the primary's machine, through its admin socket while it runs.
 */
class PurgeCommandTest {

  @RegisterExtension static final S3ProxyFixture S3 = new S3ProxyFixture();

  @TempDir Path data;

  @Test
  void purgesFromTheLocalTargetAndSaysWhatWentLeavingOthersAlone() throws Exception {
    DataLayout layout = DataLayout.open(TestedNode.offline(data));
    try (BackupTarget target = new LocalDirectoryTarget(layout.backups())) {
      PurgeFixture fixture = new PurgeFixture(data);
      String leaving = fixture.alias("leaving@example.com", 2, 2, target);
      String staying = fixture.alias("staying@example.com", 1, 1, target);
      long vaultBytes = vaultBytes(layout, leaving);

      Result purged = TestedNode.cli(data, Map.of()).run("purge", "leaving@example.com", "--yes");

      assertThat(purged.exitCode()).as(purged.stderr()).isZero();
      assertThat(purged.stdout())
          .contains("purged leaving@example.com")
          .contains("vault: " + vaultBytes + " bytes")
          .contains("spool: 2 items")
          .contains("backups: 4 objects in " + layout.backups().toAbsolutePath());
      assertThat(layout.vaults().resolve(leaving + ".sqlite")).doesNotExist();
      assertThat(layout.spool().resolve(leaving)).doesNotExist();
      assertThat(target.list(leaving + "/")).isEmpty();
      assertThat(layout.vaults().resolve(staying + ".sqlite")).exists();
      assertThat(target.list(staying + "/")).hasSize(2);
      assertThat(TestedNode.cli(data, Map.of()).run("alias", "list").stdout())
          .contains("staying@example.com")
          .doesNotContain("leaving@example.com");
    }
  }

  @Test
  void purgesFromAnS3BucketWithJsonOutput() throws Exception {
    String bucket = S3.newBucket();
    writeConfig(S3.settings(bucket, "mv/"));
    DataLayout layout = DataLayout.open(TestedNode.offline(data));
    try (BackupTarget target = S3BackupTarget.open(S3.config(bucket, "mv/"))) {
      PurgeFixture fixture = new PurgeFixture(data);
      String leaving = fixture.alias("leaving@example.com", 1, 3, target);
      String staying = fixture.alias("staying@example.com", 0, 2, target);
      long vaultBytes = vaultBytes(layout, leaving);

      Result purged =
          TestedNode.cli(data, Map.of()).run("--json", "purge", "leaving@example.com", "--yes");

      assertThat(purged.exitCode()).as(purged.stderr()).isZero();
      JsonNode json = new ObjectMapper().readTree(purged.stdout());
      assertThat(json.get("address").asText()).isEqualTo("leaving@example.com");
      assertThat(json.get("vaultBytes").asLong()).isEqualTo(vaultBytes);
      assertThat(json.get("spoolItems").asInt()).isEqualTo(1);
      assertThat(json.get("backupObjects").asInt()).isEqualTo(6);
      assertThat(json.get("backupTarget").asText()).startsWith("s3://" + bucket + "/mv/");
      assertThat(target.list(leaving + "/")).isEmpty();
      assertThat(target.list(staying + "/")).hasSize(4);
      assertThat(purged.stdout() + purged.stderr()).doesNotContain(S3.secretKey());
    }
  }

  @Test
  void badInputIsOneLineAndRemovesNothing() throws Exception {
    DataLayout layout = DataLayout.open(TestedNode.offline(data));
    try (BackupTarget target = new LocalDirectoryTarget(layout.backups())) {
      String staying = new PurgeFixture(data).alias("staying@example.com", 1, 1, target);
      CliProcess cli = TestedNode.cli(data, Map.of());

      assertOneLine(cli.run("purge", "nobody@example.com", "--yes"), "no such alias");
      assertOneLine(cli.run("purge", "not-an-address", "--yes"), "not-an-address");
      // No terminal and no --yes: nothing is confirmed.
      assertOneLine(cli.run("purge", "staying@example.com"), "not confirmed");

      assertThat(layout.vaults().resolve(staying + ".sqlite")).exists();
      assertThat(layout.spool().resolve(staying)).isDirectory();
      assertThat(target.list(staying + "/")).hasSize(2);
    }
  }

  @Test
  void aRunningServerEndsTheAliasSessionsAndPurgesItself() throws Exception {
    DataLayout layout = DataLayout.open(TestedNode.offline(data));
    String leaving;
    String staying;
    try (BackupTarget target = new LocalDirectoryTarget(layout.backups())) {
      PurgeFixture fixture = new PurgeFixture(data);
      leaving = fixture.alias("leaving@example.com", "leaving-password-1", 1, 2, target);
      staying = fixture.alias("staying@example.com", 0, 1, target);
    }
    try (TestedNode node = TestedNode.start(nodeSettings());
        Socket imap = new Socket(InetAddress.getLoopbackAddress(), node.imapPort())) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(imap.getInputStream(), StandardCharsets.UTF_8));
      Writer toServer = new OutputStreamWriter(imap.getOutputStream(), StandardCharsets.UTF_8);
      assertThat(in.readLine()).startsWith("* OK");
      send(toServer, "a LOGIN leaving@example.com leaving-password-1");
      assertThat(untilTagged(in, "a ")).startsWith("a OK");
      send(toServer, "b SELECT INBOX");
      assertThat(untilTagged(in, "b ")).startsWith("b OK");
      assertThat(node.vaults().isOpen(leaving)).isTrue();

      Result purged = TestedNode.cli(data, Map.of()).run("purge", "leaving@example.com", "--yes");

      assertThat(purged.exitCode()).as(purged.stderr()).isZero();
      assertThat(purged.stdout())
          .contains("closed the open vault; its sessions were ended")
          .contains("purged leaving@example.com")
          .contains("backups: 4 objects");
      // RFC 9051 §7.1.5: the server ends the session with BYE.
      assertThat(untilTagged(in, "* BYE")).startsWith("* BYE");
      assertThat(node.vaults().isOpen(leaving)).isFalse();
      assertThat(layout.vaults().resolve(leaving + ".sqlite")).doesNotExist();
      assertThat(node.directory().findAlias(EmailAddress.parse("leaving@example.com"))).isEmpty();
      try (BackupTarget target = new LocalDirectoryTarget(layout.backups())) {
        assertThat(target.list(leaving + "/")).isEmpty();
        assertThat(target.list(staying + "/")).hasSize(2);
      }
      assertThat(layout.vaults().resolve(staying + ".sqlite")).exists();
    }
  }

  private Map<Setting, String> nodeSettings() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.DATA, data.toString());
    flags.put(Setting.BIND, "127.0.0.1");
    for (Setting port :
        new Setting[] {
          Setting.HTTP_PORT,
          Setting.HTTPS_PORT,
          Setting.IMAP_PORT,
          Setting.IMAPS_PORT,
          Setting.SMTP_PORT,
          Setting.POP3_PORT,
          Setting.POP3S_PORT,
          Setting.MANAGESIEVE_PORT,
          Setting.SUBMISSION_PORT,
          Setting.SUBMISSIONS_PORT
        }) {
      flags.put(port, "0");
    }
    flags.put(Setting.BACKUP_SCHEDULE, "false");
    return flags;
  }

  private static void send(Writer out, String line) throws Exception {
    out.write(line + "\r\n");
    out.flush();
  }

  /** Reads lines until one starts with {@code prefix}; fails at the end of the stream. */
  private static String untilTagged(BufferedReader in, String prefix) throws Exception {
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("the connection ended before a line starting with " + prefix);
  }

  private static void assertOneLine(Result r, String text) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr().lines().filter(l -> !l.isBlank()).toList())
        .as(r.stderr())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("mailvault: ")
        .contains(text);
    assertThat(r.stdout()).doesNotContain("purged");
  }

  private void writeConfig(Map<String, String> settings) throws Exception {
    StringBuilder conf = new StringBuilder("mailvault {\n");
    settings.forEach(
        (k, v) -> conf.append("  ").append(k).append(" = \"").append(v).append("\"\n"));
    // The config file of the data directory the command runs on: in a cluster, the primary's.
    Path dir = TestedNode.offline(data).dataDir();
    Files.writeString(dir.resolve("mailvault.conf"), conf.append("}\n"));
  }

  private static long vaultBytes(DataLayout layout, String vaultId) throws Exception {
    long bytes = 0;
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Path file = layout.vaults().resolve(vaultId + ".sqlite" + suffix);
      if (Files.exists(file)) {
        bytes += Files.size(file);
      }
    }
    return bytes;
  }
}
