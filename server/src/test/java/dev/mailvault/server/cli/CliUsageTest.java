package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.cli.CliProcess.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer meets first: a mistyped command, a wrong call, a bad setting, a taken port. Each
 * is one line that says what to fix, and the exit code the README gives (2 for a wrong call, 1 for
 * a refused request), as a real process shows it.
 */
class CliUsageTest {

  @TempDir Path data;

  private static String errorLine(Result r) {
    return r.stderr().lines().filter(l -> l.startsWith("mailvault: ")).findFirst().orElse("");
  }

  @Test
  void anUnknownCommandSaysSoAndExitsTwo() throws Exception {
    Result top = new CliProcess(data).run("frobnicate");
    assertThat(top.exitCode()).as(top.toString()).isEqualTo(2);
    assertThat(errorLine(top))
        .isEqualTo("mailvault: unknown command 'frobnicate'; see mailvault --help");
    Result nested = new CliProcess(data).run("alias", "frobnicate");
    assertThat(nested.exitCode()).as(nested.toString()).isEqualTo(2);
    assertThat(errorLine(nested))
        .isEqualTo("mailvault: unknown command 'frobnicate'; see mailvault alias --help");
  }

  @Test
  void aWronglyCalledCommandExitsTwo() throws Exception {
    for (String[] call :
        new String[][] {{}, {"alias", "add"}, {"domain", "list", "--frobnicate"}, {"serve", "x"}}) {
      Result r = new CliProcess(data).run(call);
      assertThat(r.exitCode()).as(String.join(" ", call) + ": " + r).isEqualTo(2);
      assertThat(r.stderr()).contains("--help").doesNotContain("\tat ", "Exception");
    }
  }

  @Test
  void versionNamesTheCommit() throws Exception {
    Result r = new CliProcess(data).run("--version");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // The test build is not given a commit (only ./mailvault passes it), so "unknown" is allowed.
    assertThat(r.stdout().strip()).matches("mailvault \\S+ \\(commit ([0-9a-f]{7,40}|unknown)\\)");
  }

  @Test
  void aBadValueStopsServeBeforeAnyListenerAndNamesItsSource() throws Exception {
    Result r = new CliProcess(data, Map.of("MAILVAULT_SMTP_PORT", "25x")).run("serve");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(errorLine(r))
        .isEqualTo(
            "mailvault: MAILVAULT_SMTP_PORT must be a port number from 0 to 65535, not '25x'");
    assertThat(r.stdout() + r.stderr()).doesNotContain("listening");
  }

  @Test
  void anUnknownKeyInTheConfigFileNamesTheNearestOne() throws Exception {
    Path file =
        Files.writeString(data.resolve("mailvault.conf"), "mailvault { imap.prot = 1143 }\n");
    Result r = new CliProcess(data).run("domain", "list");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(errorLine(r))
        .isEqualTo(
            "mailvault: unknown setting 'imap.prot' in " + file + "; did you mean 'imap.port'?");
  }

  @Test
  void aPortInUseIsNamedByItsSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      Map<String, String> env =
          Map.of(
              "MAILVAULT_BIND", "127.0.0.1",
              "MAILVAULT_IMAP_PORT", "0",
              "MAILVAULT_IMAPS_PORT", "0",
              "MAILVAULT_POP3_PORT", "0",
              "MAILVAULT_POP3S_PORT", "0",
              "MAILVAULT_SUBMISSION_PORT", "0",
              "MAILVAULT_SUBMISSIONS_PORT", "0",
              "MAILVAULT_SMTP_PORT", Integer.toString(port),
              "MAILVAULT_HTTP_PORT", "0",
              "MAILVAULT_HTTPS_PORT", "0");
      Result r = new CliProcess(data, env).run("serve");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(errorLine(r)).isEqualTo("mailvault: port " + port + " (smtp.port) is in use");
      assertThat(r.stdout() + r.stderr()).doesNotContain("listening");
    }
  }
}
