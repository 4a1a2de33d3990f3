package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.metrics.Exposition;
import dev.mailvault.store.spool.SpoolStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's metrics through the whole node (ADR 0256, 0257): after an IMAP login that succeeds,
 * one that fails and a message over the MX, {@code /metrics} shows the counters moved, no label
 * carries the alias, its domain or the client's address, Debian's {@code promtool} parses the
 * exposition, and a real Prometheus scrapes the node; {@code /readyz} is ready. In the cluster
 * fixture each node shows what it did, and the counters are the sums over both (as a Prometheus
 * {@code sum} over the cluster's targets).
 */
class MetricsNodeTest {

  private static final String ALIAS = "hello@example.com";
  private static final String PASSWORD = "a long enough password";
  private static final Duration EVENTUALLY = Duration.ofSeconds(60);

  @TempDir static Path data;
  @TempDir static Path work;

  private static TestedNode node;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startNodeAndUseIt() throws Exception {
    node = TestedNode.start(LoopbackNode.settings(data, "mx.example.com"));
    node.directory().addDomain(EmailAddress.parse(ALIAS).domain());
    new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
        .create(EmailAddress.parse(ALIAS), PASSWORD.toCharArray())
        .close();
    // Offline: the message is sealed into the spool; the login then opens the vault.
    assertThat(send()).startsWith("250 ");
    try (ImapProbe imap = ImapProbe.login(node.imapPort(), ALIAS, PASSWORD)) {
      assertThat(imap.selectInbox()).isEqualTo(1);
    }
    assertThatThrownBy(() -> ImapProbe.login(node.imapPort(), ALIAS, "not the password").close())
        .isInstanceOf(IOException.class);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void theCountersMoved() throws Exception {
    // The failed login's connection may still be closing: its counts come before its reply.
    Totals metrics = new Totals(scrapes());

    assertThat(metrics.value("mailvault_logins_total", "protocol", "imap", "outcome", "ok"))
        .isEqualTo(1.0);
    assertThat(metrics.value("mailvault_logins_total", "protocol", "imap", "outcome", "failed"))
        .isEqualTo(1.0);
    assertThat(metrics.value("mailvault_logins_total", "protocol", "pop3", "outcome", "ok"))
        .isZero();
    assertThat(metrics.value("mailvault_deliveries_total", "outcome", "spool")).isEqualTo(1.0);
    assertThat(metrics.value("mailvault_deliveries_total", "outcome", "live")).isZero();
    assertThat(metrics.value("mailvault_connections_total", "protocol", "imap")).isEqualTo(2.0);
    assertThat(metrics.value("mailvault_connections_total", "protocol", "smtp")).isEqualTo(1.0);
    assertThat(metrics.value("mailvault_commands_total", "protocol", "imap", "verb", "LOGIN"))
        .isEqualTo(2.0);
    assertThat(metrics.value("mailvault_commands_total", "protocol", "smtp", "verb", "DATA"))
        .isEqualTo(1.0);
    assertThat(metrics.value("mailvault_vault_opens_total")).isGreaterThanOrEqualTo(1.0);
    assertThat(metrics.value("mailvault_queue_depth")).isZero();
    assertThat(metrics.value("mailvault_queue_oldest_age_seconds")).isZero();
    assertThat(metrics.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
    assertThat(metrics.value("process_uptime_seconds")).isPositive();
  }

  @Test
  void noLabelCarriesAnAddress() throws Exception {
    for (Exposition metrics : scrapes()) {
      assertThat(metrics.samples()).isNotEmpty();
      for (Exposition.Sample sample : metrics.samples()) {
        for (String value : sample.labels().values()) {
          assertThat(value)
              .as("label of %s", sample.name())
              .doesNotContain("@", "hello", "example.com", "127.0.0.1", "far.example");
        }
      }
    }
  }

  @Test
  void promtoolParsesTheExposition() throws Exception {
    assumeTrue(
        ExternalProgram.installed("promtool"), "promtool is needed (.ci/run installs prometheus)");
    for (int port : node.metricsPorts()) {
      Path body = work.resolve("metrics-" + port + ".txt");
      Files.writeString(body, get(port, "/metrics").body());
      Process promtool =
          new ProcessBuilder("promtool", "check", "metrics")
              .redirectInput(body.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
      // Exit 1 is a parse error, 3 lint findings: none may be about our meters; Micrometer's JVM
      // binders keep their own names (process_cpu_time_ns_total, system_cpu_count), ADR 0256.
      assertThat(output).doesNotContain("error while linting").doesNotContain("mailvault_");
      assertThat(promtool.exitValue()).as(output).isIn(0, 3);
    }
  }

  @Test
  void aRealPrometheusScrapesTheNode() throws Exception {
    assumeTrue(ExternalProgram.installed("prometheus"), "prometheus is needed (.ci/run installs)");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path config = work.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: mailvault
            static_configs:
              - targets: [%s]
        """
            .formatted(
                node.metricsPorts().stream()
                    .map(target -> "\"127.0.0.1:" + target + "\"")
                    .collect(Collectors.joining(", "))));
    Process prometheus =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("prometheus.log").toFile())
            .start();
    try {
      String base = "http://127.0.0.1:" + port + "/api/v1/query?query=";
      await()
          .atMost(EVENTUALLY)
          .ignoreExceptions()
          .until(
              () ->
                  query(base, "count(up{job=\"mailvault\"} == 1)")
                      .contains("\"" + node.metricsPorts().size() + "\"]"));
      assertThat(query(base, "mailvault_deliveries_total{outcome=\"spool\"} > 0"))
          .contains("\"job\":\"mailvault\"")
          .contains("\"1\"]");
    } finally {
      prometheus.destroy();
      prometheus.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void readyAndHealthy() throws Exception {
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  private static String query(String base, String promql) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(base + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return get(node.httpPort(), path);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code /metrics} of each node of the fixture. */
  private static List<Exposition> scrapes() throws Exception {
    List<Exposition> scrapes = new ArrayList<>();
    for (int port : node.metricsPorts()) {
      scrapes.add(Exposition.parse(get(port, "/metrics").body()));
    }
    return scrapes;
  }

  /** A sample's sum over the nodes that have it; -1 if none has. */
  private record Totals(List<Exposition> scrapes) {
    double value(String name, String... labelPairs) {
      double total = -1;
      for (Exposition scrape : scrapes) {
        double value = scrape.value(name, labelPairs);
        if (value >= 0) {
          total = Math.max(total, 0) + value;
        }
      }
      return total;
    }
  }

  /** Sends one message over the MX; returns the reply to the end of DATA. */
  private static String send() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.smtpPort())) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      assertThat(in.readLine()).startsWith("220 ");
      assertThat(command(in, out, "EHLO client.far.example")).startsWith("250 ");
      assertThat(command(in, out, "MAIL FROM:<someone@far.example>")).startsWith("250 ");
      assertThat(command(in, out, "RCPT TO:<" + ALIAS + ">")).startsWith("250 ");
      assertThat(command(in, out, "DATA")).startsWith("354 ");
      String reply = command(in, out, "From: <someone@far.example>\r\nSubject: hi\r\n\r\nhi\r\n.");
      command(in, out, "QUIT");
      return reply;
    }
  }

  private static String command(BufferedReader in, OutputStream out, String line) throws Exception {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = in.readLine();
    while (reply != null && reply.length() > 3 && reply.charAt(3) == '-') {
      reply = in.readLine();
    }
    return reply;
  }
}
