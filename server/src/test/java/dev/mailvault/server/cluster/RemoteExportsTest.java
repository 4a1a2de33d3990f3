package dev.mailvault.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.app.Exports;
import dev.mailvault.server.app.WrongPasswordException;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.MxSender;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.export.ExportFormat;
import dev.mailvault.store.spool.SpoolStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-end's exports run on the vault's primary and come back piece by piece (ADR 0262, 0286):
 * owned, listed, downloaded once, and refused for a wrong password as on a node with every role.
 */
class RemoteExportsTest {

  private static final String PASSWORD = "remote exports passphrase";
  private static final int PIECE = 4096;

  @TempDir Path dir;

  @Test
  void anExportRunsOnThePrimaryAndIsDownloadedOnceInPieces() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    Path data = dir.resolve("data");
    try (TestedNode cluster = TestedNode.cluster(LoopbackNode.settings(data, "mx.example.test"))) {
      MailvaultNode primary = cluster.storage();
      MailvaultNode frontend = cluster.clients();
      EmailAddress alias = EmailAddress.parse("exports@example.test");
      primary.directory().addDomain(alias.domain());
      new AliasLifecycle(
              primary.directory(), primary.vaults(), new SpoolStore(data.resolve("spool")))
          .create(alias, PASSWORD.toCharArray())
          .close();
      String body = "a line of the letter that makes it long enough\r\n".repeat(300);
      assertThat(MxSender.deliver(frontend.smtpPort(), alias.toString(), "first", body))
          .startsWith("250");
      assertThat(MxSender.deliver(frontend.smtpPort(), alias.toString(), "second", body))
          .startsWith("250");
      Exports exports =
          new RemoteExports(frontend.clusterAdmin().orElseThrow(), frontend.directory(), PIECE);
      Path primaryTemp = data.resolve(".cluster").resolve("primary").resolve("temp");

      assertThatThrownBy(
              () -> exports.start("token-1", alias, ExportFormat.MBOX, "wrong".toCharArray()))
          .isInstanceOf(WrongPasswordException.class);
      assertThatThrownBy(
              () ->
                  exports.start(
                      "token-1",
                      EmailAddress.parse("nobody@example.test"),
                      ExportFormat.MBOX,
                      PASSWORD.toCharArray()))
          .isInstanceOf(WrongPasswordException.class);

      Exports.Status started =
          exports.start("token-1", alias, ExportFormat.MBOX, PASSWORD.toCharArray());
      assertThat(started.address()).isEqualTo(alias.toString());
      awaitDone(exports, started.id(), "token-1");
      assertThat(exports.status(started.id(), "token-2")).isEmpty();
      assertThat(exports.list("token-1"))
          .extracting(Exports.Status::id)
          .containsExactly(started.id());
      assertThat(exports.list("token-2")).isEmpty();
      assertThat(exports.take(started.id(), "token-2")).isEmpty();
      assertThat(sealedFiles(primaryTemp)).isEqualTo(1);

      try (Exports.Download download = exports.take(started.id(), "token-1").orElseThrow()) {
        // Taken: it left the list at once, as a local download does.
        assertThat(exports.list("token-1")).isEmpty();
        assertThat(exports.take(started.id(), "token-1")).isEmpty();
        assertThat(download.fileName()).endsWith(".mbox");
        assertThat(download.length()).isGreaterThan(3L * PIECE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.writeTo(out);
        assertThat((long) out.size()).isEqualTo(download.length());
        assertThat(out.toString(StandardCharsets.UTF_8))
            .contains("Subject: first", "Subject: second", "a line of the letter");
      }
      assertThat(exports.status(started.id(), "token-1")).isEmpty();
      assertThat(exports.take(started.id(), "token-1")).isEmpty();
      assertThat(sealedFiles(primaryTemp)).isZero();

      // A made-up id is not found, and assigns no primary to the vault it names.
      String madeUp = "0123456789abcdef0123456789abcdef.abc";
      assertThat(exports.status(madeUp, "token-1")).isEmpty();
      assertThat(exports.take("no-dot", "token-1")).isEmpty();
      assertThat(
              frontend
                  .directory()
                  .clusterRegistry()
                  .currentOwner("0123456789abcdef0123456789abcdef"))
          .isEmpty();

      // My account holds the alias's keys, not its password: a sqlite export is keyed by it.
      try (UnlockedAlias unlocked =
          frontend.directory().unlock(alias.toString(), PASSWORD.toCharArray())) {
        String owner = "account:" + unlocked.vaultId();
        Exports.Status sqlite =
            exports.start(owner, unlocked, ExportFormat.SQLITE, PASSWORD.toCharArray());
        Exports.Status done = awaitDone(exports, sqlite.id(), owner);
        assertThat(done.messagesDone()).isEqualTo(2);
        try (Exports.Download download = exports.take(sqlite.id(), owner).orElseThrow()) {
          assertThat(download.fileName()).endsWith(".sqlite");
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          download.writeTo(out);
          assertThat((long) out.size()).isEqualTo(download.length()).isPositive();
          // Encrypted by the password: no subject in the clear.
          assertThat(out.toString(StandardCharsets.ISO_8859_1)).doesNotContain("Subject: first");
        }
      }
      assertThat(sealedFiles(primaryTemp)).isZero();
    }
  }

  private static Exports.Status awaitDone(Exports exports, String id, String owner)
      throws Exception {
    await().until(() -> exports.status(id, owner).orElseThrow().state() != Exports.State.RUNNING);
    Exports.Status status = exports.status(id, owner).orElseThrow();
    assertThat(status.state()).as(status.error().orElse("")).isEqualTo(Exports.State.DONE);
    return status;
  }

  private static long sealedFiles(Path temp) throws Exception {
    if (!Files.isDirectory(temp)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(temp)) {
      return files.filter(f -> f.getFileName().toString().startsWith("export-")).count();
    }
  }
}
