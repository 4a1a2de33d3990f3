package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault serve} as an operator runs it: a real process, a health check, SIGHUP, SIGTERM.
 */
class ServeProcessTest {

  @TempDir Path data;

  @Test
  void servesHealthzLogsItsListenerReloadsOnSighupAndStopsCleanlyOnSigterm() throws Exception {
    int port = freePort();
    Path log = data.resolve("serve.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.mailvault.server.Main",
                    "serve",
                    "--bind",
                    "127.0.0.1"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("MAILVAULT_DATA", data.resolve("d").toString());
    builder.environment().put("MAILVAULT_HTTP_PORT", Integer.toString(port));
    builder.environment().put("MAILVAULT_HTTPS_PORT", "0");
    builder.environment().put("MAILVAULT_IMAP_PORT", "0");
    builder.environment().put("MAILVAULT_IMAPS_PORT", "0");
    builder.environment().put("MAILVAULT_POP3_PORT", "0");
    builder.environment().put("MAILVAULT_POP3S_PORT", "0");
    builder.environment().put("MAILVAULT_MANAGESIEVE_PORT", "0");
    builder.environment().put("MAILVAULT_SUBMISSION_PORT", "0");
    builder.environment().put("MAILVAULT_SUBMISSIONS_PORT", "0");
    builder.environment().put("MAILVAULT_SMTP_PORT", "0");
    Process serve = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest healthz =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () -> http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      assertThat(Files.readString(log))
          .contains("http listening on 127.0.0.1:" + port)
          .contains(
              "imap listening on 127.0.0.1:",
              "imaps listening on 127.0.0.1:",
              "smtp listening on 127.0.0.1:");
      assertThat(data.resolve("d/directory.sqlite")).isRegularFile();

      // SIGHUP reloads the certificate (ADR 0197) and, unlike the JVM's default, stops nothing.
      Process hangup = new ProcessBuilder("kill", "-HUP", Long.toString(serve.pid())).start();
      assertThat(hangup.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                String written = Files.readString(log);
                return written.contains("SIGHUP: reloading the TLS certificate")
                    && written.contains("TLS: reloaded");
              });
      assertThat(serve.isAlive()).isTrue();
      assertThat(http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);

      serve.destroy(); // SIGTERM
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // The JVM reports 128 + 15 after running its shutdown hooks for SIGTERM.
      assertThat(serve.exitValue()).isEqualTo(143);
      assertThat(Files.readString(log)).contains("stopping", "stopped").doesNotContain("Exception");
    } finally {
      serve.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
