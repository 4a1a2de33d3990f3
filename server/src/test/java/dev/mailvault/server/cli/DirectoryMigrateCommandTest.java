package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.PasswordKdf;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DkimKeyRecord;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.NewAppPassword;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.PostgresDirectory;
import dev.mailvault.directory.jdbc.ServerKeyFile;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault directory migrate --to URL} (ADR 0275): an encrypted embedded directory with a
 * domain, a DKIM key, aliases with passwords, an app password and a Sieve script, copied into a
 * real PostgreSQL, where the alias then unlocks with its password and its app password.
 */
class DirectoryMigrateCommandTest {

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
  private static final Argon2Params CHEAP = new Argon2Params(256, 1, 1);

  @TempDir Path root;

  @BeforeAll
  static void needsPostgres() {
    assumeTrue(PostgresServer.available(), "Debian's postgresql package is not installed");
  }

  @Test
  void copiesEveryTableIntoAnEmptyDatabaseOnceAndTheAliasStillUnlocks() throws Exception {
    Path data = root.resolve("data");
    Path keyFile = root.resolve("secrets").resolve("server.key");
    ServerKeyFile.create(keyFile);
    DirectoryOptions options = new DirectoryOptions(PasswordKdf.argon2id(), CHEAP);
    EmailAddress alice = EmailAddress.parse("alice@example.com");
    String appPassword;
    try (Directory embedded = SqliteDirectory.open(data, Optional.of(keyFile), options)) {
      DomainName domain = DomainName.parse("example.com");
      embedded.addDomain(domain);
      embedded.addDkimKeys(
          domain,
          List.of(
              DkimKeyRecord.active(
                  "mv1", "ed25519", new byte[] {1, 2, 3}, new byte[] {4, 5, 6}, Instant.EPOCH)));
      embedded.addAlias(alice, PASSWORD).close();
      embedded.addAlias(EmailAddress.parse("bob@example.com"), PASSWORD).close();
      try (UnlockedAlias unlocked = embedded.unlock(alice.toString(), PASSWORD);
          NewAppPassword app = embedded.addAppPassword(unlocked, "phone")) {
        appPassword = new String(app.password());
      }
      embedded.putSieveScript(alice, "filters", "keep;\n");
      embedded.setActiveSieveScript(alice, Optional.of("filters"));
    }
    PostgresServer postgres = PostgresServer.shared();
    String url = postgres.newDatabaseUrl();
    CliProcess cli = new CliProcess(data, Map.of("MAILVAULT_SERVER_KEY_FILE", keyFile.toString()));

    Result migrated = cli.run("directory", "migrate", "--to", url);
    assertThat(migrated.exitCode()).as(migrated.stderr()).isZero();
    assertThat(migrated.stdout())
        .containsPattern("accounts +1")
        .containsPattern("domains +1")
        .containsPattern("aliases +2")
        .containsPattern("dkim_keys +1")
        .containsPattern("alias_app_passwords +1")
        .containsPattern("sieve_scripts +1")
        .doesNotContain("alice")
        .doesNotContain("example.com");

    try (Directory copy = PostgresDirectory.open(url, options)) {
      assertThat(copy.listDomains()).hasSize(1);
      assertThat(copy.listAliases()).hasSize(2);
      assertThat(copy.dkimKeys(DomainName.parse("example.com")))
          .singleElement()
          .satisfies(k -> assertThat(k.publicKey()).containsExactly(1, 2, 3));
      assertThat(copy.activeSieveScript(alice)).contains("keep;\n");
      try (UnlockedAlias unlocked = copy.unlock(alice.toString(), PASSWORD)) {
        assertThat(unlocked.dataKey().length()).isEqualTo(32);
      }
      try (UnlockedAlias byApp = copy.unlock(alice.toString(), appPassword.toCharArray())) {
        assertThat(byApp.dataKey().length()).isEqualTo(32);
      }
      // The identity sequences moved past the copied ids: new rows do not collide.
      try (NewAlias carol = copy.addAlias(EmailAddress.parse("carol@example.com"), PASSWORD)) {
        assertThat(carol.vaultId()).isNotBlank();
      }
      copy.addDomain(DomainName.parse("example.org"));
    }

    Result again = cli.run("directory", "migrate", "--to", url);
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.stderr()).contains("already has data").doesNotContain("\tat ").hasLineCount(1);
  }

  @Test
  void refusesABadUrlInOneLineWithoutThePassword() throws Exception {
    Path data = root.resolve("data");
    SqliteDirectory.open(data, Optional.empty()).close();
    Result bad =
        new CliProcess(data)
            .run("directory", "migrate", "--to", "mysql://admin:hunter2secret@db/mail");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr())
        .contains("not a valid PostgreSQL URL")
        .doesNotContain("hunter2secret")
        .hasLineCount(1);

    Result unreachable =
        new CliProcess(data)
            .run(
                "directory",
                "migrate",
                "--to",
                "postgresql://postgres:hunter2secret@127.0.0.1:" + closedPort() + "/mail");
    assertThat(unreachable.exitCode()).isNotZero();
    assertThat(unreachable.stderr())
        .contains("cannot connect to the directory database")
        .doesNotContain("hunter2secret")
        .hasLineCount(1);
  }

  private static int closedPort() throws Exception {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
