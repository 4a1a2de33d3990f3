package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.app.BackupOperations;
import dev.mailvault.server.app.NoBackupException;
import dev.mailvault.server.app.PasswordRequiredException;
import dev.mailvault.server.app.WrongPasswordException;
import dev.mailvault.server.backup.BackupService;
import dev.mailvault.server.backup.BackupService.RestoreReport;
import dev.mailvault.server.cluster.RemoteBackups;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import dev.mailvault.store.backup.GenerationPolicy;
import dev.mailvault.store.backup.LocalDirectoryTarget;
import dev.mailvault.store.spool.SpoolStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-end's backups are the primary's (ADR 0286): through {@link RemoteBackups} the web
 * features list, create, download and restore what the primary that owns the vault keeps, and get
 * its refusals back as the same exceptions.
 */
class RemoteBackupsTest {

  private static final String PASSWORD = "backups from afar";

  /** Small, so a download of a small vault takes many pieces. */
  private static final int PIECE = 4096;

  @TempDir Path dir;

  @Test
  void aFrontEndBacksUpDownloadsAndRestoresThroughThePrimary() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    Path data = dir.resolve("data");
    try (TestedNode cluster = TestedNode.cluster(LoopbackNode.settings(data, "mx.example.test"))) {
      MailvaultNode primary = cluster.storage();
      MailvaultNode frontend = cluster.clients();
      EmailAddress hello = EmailAddress.parse("hello@example.test");
      EmailAddress quiet = EmailAddress.parse("quiet@example.test");
      primary.directory().addDomain(hello.domain());
      AliasLifecycle lifecycle =
          new AliasLifecycle(
              primary.directory(), primary.vaults(), new SpoolStore(data.resolve("spool")));
      lifecycle.create(hello, PASSWORD.toCharArray()).close();
      lifecycle.create(quiet, PASSWORD.toCharArray()).close();
      String vaultId = primary.directory().findAlias(hello).orElseThrow().vaultId();
      // No session: both are sealed into the spool until a login drains them.
      assertThat(MxSender.deliver(frontend.smtpPort(), hello.toString(), "first", "one"))
          .startsWith("250");
      assertThat(MxSender.deliver(frontend.smtpPort(), hello.toString(), "second", "two"))
          .startsWith("250");

      RemoteBackups remote =
          new RemoteBackups(frontend.clusterAdmin().orElseThrow(), frontend.directory(), PIECE);
      BackupOperations operations = new BackupOperations(frontend.directory(), remote);
      LocalDirectoryTarget target =
          new LocalDirectoryTarget(data.resolve(".cluster").resolve("primary").resolve("backups"));
      BackupService primarysOwn =
          new BackupService(
              primary.directory(),
              primary.vaults(),
              target,
              dir.resolve("staging"),
              new GenerationPolicy(7, 4),
              Clock.systemUTC());
      assertThat(remote.describeTarget()).isEqualTo(target.describe());

      assertThat(remote.openVaultIds()).doesNotContain(vaultId);
      assertThatThrownBy(() -> operations.create(hello, null))
          .isInstanceOf(PasswordRequiredException.class);
      assertThatThrownBy(() -> remote.backUpWithPassword(hello, "not it".toCharArray()))
          .isInstanceOf(WrongPasswordException.class);
      BackupManifest empty = uploaded(operations.create(hello, PASSWORD.toCharArray()));
      // Opened on the primary with the session's keys, no password: nothing changed.
      try (UnlockedAlias alias =
          frontend.directory().unlock(hello.toString(), PASSWORD.toCharArray())) {
        assertThat(operations.create(alias)).isEqualTo(new BackupResult.Unchanged(empty));
      }

      BackupManifest full;
      try (ImapProbe imap = ImapProbe.login(frontend.imapPort(), hello.toString(), PASSWORD)) {
        assertThat(imap.selectInbox()).isEqualTo(2);
        assertThat(remote.openVaultIds()).contains(vaultId);
        // Through the vault the session holds open on the primary.
        full = uploaded(operations.create(hello, null));
      }

      assertThat(operations.list(hello))
          .containsExactly(empty, full)
          .isEqualTo(primarysOwn.list(hello));
      assertThat(full.size()).isGreaterThan(2L * PIECE);
      ByteArrayOutputStream fromAfar = new ByteArrayOutputStream();
      operations.download(operations.choose(hello, null), fromAfar);
      ByteArrayOutputStream onThePrimary = new ByteArrayOutputStream();
      primarysOwn.copyTo(full, onThePrimary);
      assertThat(fromAfar.toByteArray()).isEqualTo(onThePrimary.toByteArray());
      assertThat(MessageDigest.getInstance("SHA-256").digest(fromAfar.toByteArray()))
          .isEqualTo(full.sha256());
      assertThat(remote.find(hello, empty.created())).contains(empty);

      assertThatThrownBy(
              () ->
                  remote.restore(hello, null, "not it".toCharArray(), BackupService.Transfer.NONE))
          .isInstanceOf(WrongPasswordException.class);
      RestoreReport report =
          operations.restore(
              hello, empty.created(), PASSWORD.toCharArray(), BackupService.Transfer.NONE);
      assertThat(report.restored()).isEqualTo(empty);
      assertThat(report.safety()).contains(new BackupResult.Unchanged(full));
      try (ImapProbe imap = ImapProbe.login(frontend.imapPort(), hello.toString(), PASSWORD)) {
        assertThat(imap.selectInbox()).isZero();
      }

      EmailAddress nobody = EmailAddress.parse("nobody@example.test");
      assertThatThrownBy(() -> remote.list(nobody)).isInstanceOf(UnknownAliasException.class);
      assertThatThrownBy(() -> operations.list(nobody)).isInstanceOf(UnknownAliasException.class);
      assertThat(operations.list(quiet)).isEmpty();
      assertThatThrownBy(() -> operations.choose(quiet, null))
          .isInstanceOf(NoBackupException.class);
    }
  }

  private static BackupManifest uploaded(BackupResult result) {
    assertThat(result).isInstanceOf(BackupResult.Uploaded.class);
    return ((BackupResult.Uploaded) result).manifest();
  }
}
