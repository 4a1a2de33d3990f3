package dev.mailvault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailvaultNodeTest {

  @TempDir Path data;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void answersHealthzOnAnEphemeralPort() throws Exception {
    Settings settings =
        Settings.resolve(
            Map.ofEntries(
                Map.entry(Setting.DATA, data.toString()),
                Map.entry(Setting.BIND, "127.0.0.1"),
                Map.entry(Setting.HTTP_PORT, "0"),
                Map.entry(Setting.HTTPS_PORT, "0"),
                Map.entry(Setting.IMAP_PORT, "0"),
                Map.entry(Setting.IMAPS_PORT, "0"),
                Map.entry(Setting.POP3_PORT, "0"),
                Map.entry(Setting.POP3S_PORT, "0"),
                Map.entry(Setting.SUBMISSION_PORT, "0"),
                Map.entry(Setting.SUBMISSIONS_PORT, "0"),
                Map.entry(Setting.SMTP_PORT, "0"),
                Map.entry(Setting.MANAGESIEVE_PORT, "0")),
            Map.of(),
            null);
    try (MailvaultNode node = MailvaultNode.start(settings)) {
      HttpResponse<String> ok = get(node.httpPort(), "/healthz");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");
      // Plain HTTP sends everything but its own endpoints to HTTPS (ADR 0258).
      assertThat(get(node.httpPort(), "/nope").statusCode()).isEqualTo(308);
    }
    assertThat(data.resolve("vaults")).isDirectory();
    // Starting ran the directory's migrations.
    assertThat(data.resolve("directory.sqlite")).isRegularFile();
  }

  @Test
  void aPortInUseIsOneClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Settings settings =
          Settings.resolve(
              Map.ofEntries(
                  Map.entry(Setting.DATA, data.toString()),
                  Map.entry(Setting.BIND, "127.0.0.1"),
                  Map.entry(Setting.HTTP_PORT, Integer.toString(taken.getLocalPort())),
                  Map.entry(Setting.IMAP_PORT, "0"),
                  Map.entry(Setting.IMAPS_PORT, "0"),
                  Map.entry(Setting.POP3_PORT, "0"),
                  Map.entry(Setting.POP3S_PORT, "0"),
                  Map.entry(Setting.SUBMISSION_PORT, "0"),
                  Map.entry(Setting.SUBMISSIONS_PORT, "0"),
                  Map.entry(Setting.SMTP_PORT, "0"),
                  Map.entry(Setting.MANAGESIEVE_PORT, "0")),
              Map.of(),
              null);
      assertThatThrownBy(() -> MailvaultNode.start(settings))
          .isInstanceOf(ConfigException.class)
          .hasMessage("port " + taken.getLocalPort() + " (http.port) is in use");
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
