package dev.mailvault.pop3.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.pop3.server.LivePop3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl's POP3 support: LIST and RETR over pop3s:// and over pop3:// with {@code --ssl-reqd} (STLS),
 * verifying the test certificate, and a wrong password refused. curl undoes the dot-stuffing, so a
 * RETR must give back the stored octets.
 */
class CurlClientTest {

  @TempDir Path data;
  @TempDir Path work;
  private LivePop3Server server;
  private Path pem;

  @BeforeAll
  static void curlIsInstalled() {
    assumeTrue(ExternalProgram.installed("curl"), "curl is not installed");
  }

  @BeforeEach
  void start() throws Exception {
    server = LivePop3Server.start(data);
    ClientSetup.twoMessages(server);
    pem = ClientSetup.pem(work);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void implicitTlsListsAndRetrieves() throws Exception {
    String base = "pop3s://localhost:" + server.tlsPort();
    assertThat(text(base + "/"))
        .isEqualTo(
            "1 " + ClientSetup.FIRST.length() + "\r\n2 " + ClientSetup.SECOND.length() + "\r\n");
    assertThat(curl(base + "/1")).isEqualTo(ClientSetup.bytes(ClientSetup.FIRST));
  }

  @Test
  void stlsIsRequiredAndVerified() throws Exception {
    // curl ends the body with the CRLF the server added before the terminator (RFC 1939 §3).
    assertThat(curl("--ssl-reqd", "pop3://localhost:" + server.port() + "/2"))
        .isEqualTo(ClientSetup.bytes(ClientSetup.SECOND + "\r\n"));
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    ExternalProgram.Result result =
        ExternalProgram.run(
            work,
            Map.of(),
            Duration.ofSeconds(20),
            List.of(
                "curl",
                "-sS",
                "--max-time",
                "15",
                "-u",
                ClientSetup.USER + ":wrong",
                "--cacert",
                pem.toString(),
                "pop3s://localhost:" + server.tlsPort() + "/"));
    // curl's exit code 67: "The user name, password, or similar was not accepted".
    assertThat(result.exitCode()).as(result.output()).isEqualTo(67);
  }

  private String text(String... arguments) throws Exception {
    return new String(curl(arguments), StandardCharsets.UTF_8);
  }

  private byte[] curl(String... arguments) throws Exception {
    Path out = Files.createTempFile(work, "curl", ".out");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "curl",
            "-sS",
            "--max-time",
            "15",
            // The test server listens on 127.0.0.1 only; its certificate names localhost.
            "-4",
            "-u",
            ClientSetup.USER + ":" + LivePop3Server.PASSWORD,
            "--cacert",
            pem.toString(),
            "-o",
            out.toString()));
    command.addAll(List.of(arguments));
    ExternalProgram.run(work, Map.of(), Duration.ofSeconds(20), command).requireSuccess();
    return Files.readAllBytes(out);
  }
}
