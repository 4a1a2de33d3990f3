package dev.mailvault.sieve.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.testing.ExternalProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ManageSieve client nobody here wrote: Debian's {@code sieve-connect} does STARTTLS (the
 * test's self-signed certificate, not verified), AUTHENTICATE PLAIN, and uploads, lists, activates,
 * downloads and deletes a script, as Thunderbird's and Roundcube's Sieve editors do. Skipped with a
 * message when the program is absent ({@code apt-get install sieve-connect}).
 */
class SieveConnectTest {

  private static final String ALIAS = "alice@example.com";
  private static final String SCRIPT =
      "require [\"fileinto\", \"imap4flags\"];\n"
          + "if header :contains \"List-Id\" \"dev\" {\n"
          + "  fileinto \"Lists\";\n"
          + "}\n";

  @TempDir Path data;
  private LiveSieveServer server;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(
        ExternalProgram.installed("sieve-connect"),
        "sieve-connect is not installed (apt-get install sieve-connect); skipping");
    server = LiveSieveServer.start(data.resolve("server"));
    server.addAlias(ALIAS);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void uploadListActivateDownloadAndDelete() throws Exception {
    Path local = data.resolve("filter.sieve");
    Files.writeString(local, SCRIPT, StandardCharsets.UTF_8);

    sieveConnect(
            LiveSieveServer.PASSWORD,
            "--upload",
            "--localsieve",
            local.toString(),
            "--remotesieve",
            "filters")
        .requireSuccess();
    // The client turns to TLS because the server offers STARTTLS, before it sends the password.
    assertThat(
            sieveConnect(LiveSieveServer.PASSWORD, "--debug", "--list").requireSuccess().output())
        .containsSubsequence("STARTTLS", "AUTHENTICATE", "filters");
    sieveConnect(LiveSieveServer.PASSWORD, "--activate", "--remotesieve", "filters")
        .requireSuccess();
    assertThat(server.directory().activeSieveScript(EmailAddress.parse(ALIAS))).contains(SCRIPT);
    assertThat(sieveConnect(LiveSieveServer.PASSWORD, "--list").requireSuccess().output())
        .contains("\"filters\" ACTIVE");

    Path downloaded = data.resolve("downloaded.sieve");
    sieveConnect(
            LiveSieveServer.PASSWORD,
            "--download",
            "--remotesieve",
            "filters",
            "--localsieve",
            downloaded.toString())
        .requireSuccess();
    assertThat(Files.readString(downloaded, StandardCharsets.UTF_8)).isEqualTo(SCRIPT);

    // RFC 5804 §2.10: the active script is not deleted; after deactivating, it is.
    assertThat(
            sieveConnect(LiveSieveServer.PASSWORD, "--delete", "--remotesieve", "filters")
                .exitCode())
        .isNotZero();
    sieveConnect(LiveSieveServer.PASSWORD, "--deactivate").requireSuccess();
    sieveConnect(LiveSieveServer.PASSWORD, "--delete", "--remotesieve", "filters").requireSuccess();
    assertThat(server.directory().sieveScripts(EmailAddress.parse(ALIAS))).isEmpty();
  }

  @Test
  void aScriptWithAnErrorIsRefusedWithItsLine() throws Exception {
    Path local = data.resolve("broken.sieve");
    Files.writeString(local, "keep;\nfileinto \"Lists\";\n", StandardCharsets.UTF_8);

    ExternalProgram.Result result =
        sieveConnect(
            LiveSieveServer.PASSWORD,
            "--upload",
            "--localsieve",
            local.toString(),
            "--remotesieve",
            "broken");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("line 2:");
    assertThat(server.directory().sieveScripts(EmailAddress.parse(ALIAS))).isEmpty();
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    ExternalProgram.Result result = sieveConnect("not the password", "--list");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).containsIgnoringCase("Authentication failed");
  }

  private ExternalProgram.Result sieveConnect(String password, String... action) throws Exception {
    Path passwordFile = Files.createTempFile(data, "password", "");
    Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>();
    command.add("sieve-connect");
    command.addAll(
        List.of(
            "--server",
            "127.0.0.1",
            "--port",
            String.valueOf(server.port()),
            "--user",
            ALIAS,
            "--authmech",
            "PLAIN",
            "--notlsverify",
            "--noclearauth",
            "--passwordfd",
            "3"));
    command.addAll(List.of(action));
    StringBuilder shell = new StringBuilder();
    for (String word : command) {
      shell.append('\'').append(word.replace("'", "'\\''")).append("' ");
    }
    shell.append("3<'").append(passwordFile).append('\'');
    return ExternalProgram.run(
        data,
        Map.of("HOME", data.toString()),
        Duration.ofSeconds(60),
        List.of("sh", "-c", shell.toString()));
  }
}
