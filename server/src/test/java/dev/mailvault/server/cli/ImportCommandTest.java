package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.Vaults;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.imapimport.MailvaultSource;
import dev.mailvault.server.imapimport.SeededMail;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault import ADDRESS --from imap://...} as a script runs it: a real process, both
 * passwords on standard input, a live Mailvault server as the source; and every bad input is one
 * line and a non-zero exit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportCommandTest {

  private static final String ALIAS = "me@example.net";
  private static final String ALIAS_PASSWORD = "the target alias password";

  private final SeededMail mail = SeededMail.generate(77L, 60);
  private MailvaultSource source;
  private Path data;
  private CliProcess cli;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    source = MailvaultSource.start(dir);
    mail.appendTo(source.port(), MailvaultSource.USER, MailvaultSource.PASSWORD);
    data = dir.resolve("target-data");
    cli = new CliProcess(data);
    assertThat(cli.run("domain", "add", "example.net").exitCode()).isZero();
    assertThat(
            cli.runWithInput(ALIAS_PASSWORD + "\n", "alias", "add", ALIAS, "--password-stdin")
                .exitCode())
        .isZero();
  }

  @AfterAll
  void stop() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void importsTheAccountAndASecondRunAddsNothing() throws Exception {
    CliProcess.Result first = importFrom(source.url(), MailvaultSource.PASSWORD);

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout())
        .contains("imported " + mail.messages().size() + " messages")
        .contains("from imap://source@example.com@127.0.0.1:" + source.port());
    assertThat(first.stderr()).contains("warning: --trust-any-certificate");
    assertHeld();

    CliProcess.Result second =
        cli.runWithInput(
            ALIAS_PASSWORD + "\n" + MailvaultSource.PASSWORD + "\n",
            "import",
            ALIAS,
            "--from",
            source.url(),
            "--password-stdin",
            "--trust-any-certificate",
            "--json");

    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stdout())
        .containsPattern("\"added\"\\s*:\\s*0\\b")
        .containsPattern("\"alreadyImported\"\\s*:\\s*" + mail.messages().size() + "\\b");
    assertHeld();
  }

  @Test
  void anUnknownSchemeIsOneLine() throws Exception {
    assertOneLineFailure(importFrom("pop3://someone@127.0.0.1", "x"), "unknown scheme 'pop3'");
  }

  @Test
  void anUnreachableHostIsOneLine() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    assertOneLineFailure(
        importFrom("imap://someone@127.0.0.1:" + closed, "x"),
        "cannot connect to 127.0.0.1:" + closed);
  }

  @Test
  void aWrongSourcePasswordIsOneLine() throws Exception {
    assertOneLineFailure(
        importFrom(source.url(), "not the source password"),
        "the source server refused the login of source@example.com");
  }

  @Test
  void anUntrustedImapsCertificateIsOneLineWithTheHint() throws Exception {
    CliProcess.Result result =
        cli.runWithInput(
            ALIAS_PASSWORD + "\n" + MailvaultSource.PASSWORD + "\n",
            "import",
            ALIAS,
            "--from",
            source.imapsUrl(),
            "--password-stdin");
    assertOneLineFailure(result, "add --trust-any-certificate");
  }

  @Test
  void aWrongAliasPasswordIsOneLineBeforeTheSourceIsAsked() throws Exception {
    CliProcess.Result result =
        cli.runWithInput(
            "not the alias password\n",
            "import",
            ALIAS,
            "--from",
            source.url(),
            "--password-stdin");
    assertOneLineFailure(result, "wrong password");
  }

  private CliProcess.Result importFrom(String url, String sourcePassword) throws Exception {
    return cli.runWithInput(
        ALIAS_PASSWORD + "\n" + sourcePassword + "\n",
        "import",
        ALIAS,
        "--from",
        url,
        "--password-stdin",
        "--trust-any-certificate");
  }

  private static void assertOneLineFailure(CliProcess.Result result, String expected) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    String failure =
        result.stderr().lines().filter(l -> !l.startsWith("warning:")).reduce("", String::concat);
    assertThat(result.stderr().lines().filter(l -> !l.startsWith("warning:")).count())
        .as(result.stderr())
        .isEqualTo(1);
    assertThat(failure).startsWith("mailvault: ").contains(expected).doesNotContain("Exception");
  }

  private void assertHeld() throws Exception {
    Settings settings = Settings.resolve(Map.of(Setting.DATA, data.toString()), Map.of(), null);
    DataLayout layout = DataLayout.open(data);
    try (Directory directory = Directories.open(layout, settings);
        VaultStore vaults = Vaults.open(layout, settings);
        UnlockedAlias alias = directory.unlock(ALIAS, ALIAS_PASSWORD.toCharArray());
        Vault vault =
            alias
                .dataKey()
                .apply(
                    key ->
                        vaults.open(
                            alias.vaultId(), key, directory.quotaLedger(alias.vaultId())))) {
      assertThat(EmailAddress.parse(ALIAS)).isEqualTo(alias.address());
      mail.assertHeldBy(vault);
    }
  }
}
