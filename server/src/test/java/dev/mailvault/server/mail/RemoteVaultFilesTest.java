package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import dev.mailvault.server.cluster.RemoteVaultFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-end creates and removes aliases as a node with every role does (ADR 0286): the vault and
 * spool files live on the primary that owns the vault, which creates and deletes them when the
 * front-end asks ({@code vault.create}, {@code vault.delete}).
 */
class RemoteVaultFilesTest {

  private static final String PASSWORD = "remote vault files";
  private static final String NEW_PASSWORD = "a new password after the reset";

  @TempDir Path dir;

  @Test
  void aFrontEndCreatesResetsAndRemovesVaultsOnTheirPrimary() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    Path data = dir.resolve("data");
    try (TestedNode cluster = TestedNode.cluster(LoopbackNode.settings(data, "mx.example.test"))) {
      MailvaultNode primary = cluster.storage();
      MailvaultNode frontend = cluster.clients();
      AliasLifecycle aliases =
          new AliasLifecycle(
              frontend.directory(), new RemoteVaultFiles(frontend.clusterAdmin().orElseThrow()));
      EmailAddress hello = EmailAddress.parse("hello@example.test");
      frontend.directory().addDomain(hello.domain());

      aliases.create(hello, PASSWORD.toCharArray()).close();
      String vaultId = vaultIdOf(frontend, hello);
      Path vaultFile = data.resolve("vaults").resolve(vaultId + ".sqlite");
      assertThat(vaultFile).isRegularFile();

      assertThat(MxSender.deliver(frontend.smtpPort(), hello.toString(), "first", "one"))
          .startsWith("250");
      try (ImapProbe imap = ImapProbe.login(frontend.imapPort(), hello.toString(), PASSWORD)) {
        assertThat(imap.selectInbox()).isEqualTo(1);
      }
      // With no session left, the next message waits in the spool.
      await().until(() -> !primary.vaults().isOpen(vaultId));
      assertThat(MxSender.deliver(frontend.smtpPort(), hello.toString(), "second", "two"))
          .startsWith("250");
      Path spoolFolder = data.resolve("spool").resolve(vaultId);
      assertThat(spoolFolder).isDirectory();

      // A reset discards the vault and spool nobody can open any more, and makes a new vault.
      ResetAlias reset = aliases.reset(hello, NEW_PASSWORD.toCharArray());
      String newVaultId = reset.alias().vaultId();
      reset.alias().close();
      assertThat(reset.discardedVaultId()).isEqualTo(vaultId);
      assertThat(vaultFile).doesNotExist();
      assertThat(spoolFolder).doesNotExist();
      Path newVaultFile = data.resolve("vaults").resolve(newVaultId + ".sqlite");
      assertThat(newVaultFile).isRegularFile();
      try (ImapProbe imap = ImapProbe.login(frontend.imapPort(), hello.toString(), NEW_PASSWORD)) {
        assertThat(imap.selectInbox()).isZero();
      }
      await().until(() -> !primary.vaults().isOpen(newVaultId));
      assertThat(MxSender.deliver(frontend.smtpPort(), hello.toString(), "third", "three"))
          .startsWith("250");
      Path newSpoolFolder = data.resolve("spool").resolve(newVaultId);
      assertThat(newSpoolFolder).isDirectory();

      RemovalReport removed = aliases.remove(hello);
      assertThat(removed.deletedFiles()).containsExactly(newVaultFile, newSpoolFolder);
      assertThat(newVaultFile).doesNotExist();
      assertThat(newSpoolFolder).doesNotExist();

      // Removing a domain with force removes its aliases' vaults on their primary too.
      EmailAddress first = EmailAddress.parse("first@example.test");
      EmailAddress second = EmailAddress.parse("second@example.test");
      aliases.create(first, PASSWORD.toCharArray()).close();
      aliases.create(second, PASSWORD.toCharArray()).close();
      Path firstFile = data.resolve("vaults").resolve(vaultIdOf(frontend, first) + ".sqlite");
      Path secondFile = data.resolve("vaults").resolve(vaultIdOf(frontend, second) + ".sqlite");
      assertThat(firstFile).isRegularFile();
      assertThat(secondFile).isRegularFile();
      List<RemovalReport> reports = aliases.removeDomain(hello.domain(), true);
      assertThat(reports).hasSize(2);
      assertThat(reports.stream().flatMap(r -> r.deletedFiles().stream()))
          .containsExactlyInAnyOrder(firstFile, secondFile);
      assertThat(firstFile).doesNotExist();
      assertThat(secondFile).doesNotExist();
      try (Stream<Path> vaults = Files.list(data.resolve("vaults"))) {
        assertThat(vaults.filter(p -> p.toString().endsWith(".sqlite"))).isEmpty();
      }
    }
  }

  private static String vaultIdOf(MailvaultNode node, EmailAddress address) throws Exception {
    return node.directory().findAlias(address).orElseThrow().vaultId();
  }
}
