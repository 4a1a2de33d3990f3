package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailvault alias app-password add|list|revoke} as a script sees it (ADR 0266). */
class AliasAppPasswordCommandTest {

  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path data;

  private CliProcess cli() {
    return new CliProcess(data);
  }

  @Test
  void addListAndRevoke() throws Exception {
    cli().run("domain", "add", "example.com");
    Result alias =
        cli()
            .runWithInput(PASSWORD + "\n", "alias", "add", "alice@example.com", "--password-stdin");
    assertThat(alias.exitCode()).as(alias.stderr()).isZero();

    Result wrong =
        cli()
            .runWithInput(
                "not the password\n", "alias", "app-password", "add", "alice@example.com", "phone");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.stderr()).contains("wrong password").doesNotContain("\tat ");

    Result added =
        cli()
            .runWithInput(
                PASSWORD + "\n", "alias", "app-password", "add", "alice@example.com", "phone");
    assertThat(added.exitCode()).as(added.stderr()).isZero();
    Matcher m =
        Pattern.compile(
                "app password ([0-9a-f]{16}) \\(phone\\).*\\npassword: ([0-9a-z-]{23})",
                Pattern.DOTALL)
            .matcher(added.stdout());
    assertThat(m.find()).as(added.stdout()).isTrue();
    String id = m.group(1);
    String appPassword = m.group(2);

    Result list = cli().run("alias", "app-password", "list", "alice@example.com");
    assertThat(list.stdout()).contains(id).contains("phone").contains("never");
    assertThat(list.stdout()).doesNotContain(appPassword);

    Result revoked = cli().run("alias", "app-password", "revoke", "alice@example.com", id);
    assertThat(revoked.exitCode()).as(revoked.stderr()).isZero();
    assertThat(cli().run("alias", "app-password", "list", "alice@example.com").stdout())
        .contains("no app passwords");
    Result again = cli().run("alias", "app-password", "revoke", "alice@example.com", id);
    assertThat(again.exitCode()).isNotZero();

    Result off = cli().run("alias", "two-factor-off", "alice@example.com");
    assertThat(off.exitCode()).as(off.stderr()).isZero();
    assertThat(off.stdout()).contains("had no two-factor login");
  }
}
