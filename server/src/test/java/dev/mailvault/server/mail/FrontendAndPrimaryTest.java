package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --role frontend} and {@code --role primary} in one JVM (issue 18): mail sent to the
 * front-end's MX and read through its IMAP lives in the primary's vault on the shared storage.
 */
class FrontendAndPrimaryTest {

  private static final String PASSWORD = "frontend and primary";

  @TempDir Path dir;

  @Test
  void mailThroughAFrontendLivesInThePrimarysVault() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    Path data = dir.resolve("data");
    try (TestedNode cluster = TestedNode.cluster(LoopbackNode.settings(data, "mx.example.test"))) {
      MailvaultNode primary = cluster.storage();
      MailvaultNode frontend = cluster.clients();
      EmailAddress hello = EmailAddress.parse("hello@example.test");
      primary.directory().addDomain(hello.domain());
      new AliasLifecycle(
              primary.directory(), primary.vaults(), new SpoolStore(data.resolve("spool")))
          .create(hello, PASSWORD.toCharArray())
          .close();

      // No session: the primary seals it into the spool; the login drains it.
      assertThat(MxSender.deliver(frontend.smtpPort(), hello.toString(), "first", "one"))
          .startsWith("250");
      try (ImapProbe imap = ImapProbe.login(frontend.imapPort(), hello.toString(), PASSWORD)) {
        assertThat(imap.selectInbox()).isEqualTo(1);
        imap.idle();
        // A session is open on the primary: this one goes live, and IDLE hears of it.
        assertThat(MxSender.deliver(frontend.smtpPort(), hello.toString(), "second", "two"))
            .startsWith("250");
        assertThat(imap.awaitExists()).isEqualTo(2);
        imap.done();
        List<ImapProbe.Fetched> fetched = imap.fetchAll();
        assertThat(new String(fetched.get(0).body(), StandardCharsets.UTF_8))
            .contains("Subject: first");
        assertThat(new String(fetched.get(1).body(), StandardCharsets.UTF_8))
            .contains("Subject: second");
      }
      try (Stream<Path> vaults = Files.list(data.resolve("vaults"))) {
        assertThat(vaults.filter(p -> p.toString().endsWith(".sqlite"))).hasSize(1);
      }
      try (Stream<Path> files = Files.walk(data.resolve(".cluster").resolve("frontend"))) {
        assertThat(files.filter(p -> p.toString().endsWith(".sqlite"))).isEmpty();
      }
    }
  }

  @Test
  void aPrimaryDeletesTheExportsAnEarlierRunLeftBehind() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    Path data = dir.resolve("data");
    Path temp = data.resolve(".cluster").resolve("primary").resolve("temp");
    Files.createDirectories(temp);
    // Sealed under a key that died with that run: nobody can open it any more.
    Path leftover = Files.write(temp.resolve("export-earlier.sealed"), new byte[] {1, 2, 3});
    try (TestedNode cluster = TestedNode.cluster(LoopbackNode.settings(data, "mx.example.test"))) {
      assertThat(cluster.storageData().resolve("temp")).isEqualTo(temp);
      assertThat(leftover).doesNotExist();
    }
  }

  @Test
  void anUnknownRoleIsNamedWithWhereItCameFrom() throws Exception {
    Map<Setting, String> values = LoopbackNode.settings(dir.resolve("data"), "mx.example.test");
    values.put(Setting.ROLE, "storage");
    Settings settings = Settings.resolve(values, Map.of(), null);
    assertThatThrownBy(() -> MailvaultNode.start(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be all, frontend or primary, not 'storage'");
  }
}
