package dev.mailvault.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.WebhookDelivery;
import dev.mailvault.outbound.testing.TestCa;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.NoDns;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through the whole node (ADR 0240, 0245): a message to an alias that forwards to an
 * {@code https://} URL is posted there, signed with the secret the directory showed when the URL
 * was added (checked here with the scheme docs/webhooks.md gives), and never stored; the alias's
 * delivery log records the attempt without content.
 */
class WebhookNodeTest {

  private static final String ALIAS = "hooks@example.com";
  private static final String PASSWORD = "a long enough password";

  @TempDir Path data;
  private TestedNode node;
  private HttpsServer receiver;
  private ExecutorService executor;
  private final List<Post> posts = new CopyOnWriteArrayList<>();

  private record Post(String key, String timestamp, String signature, byte[] body) {}

  @BeforeEach
  void start() throws Exception {
    TestCa ca = TestCa.create("Webhook Test CA");
    executor = Executors.newCachedThreadPool();
    receiver = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setHttpsConfigurator(new HttpsConfigurator(ca.issue("localhost").serverContext()));
    receiver.setExecutor(executor);
    receiver.createContext("/", this::receive);
    receiver.start();
    Path caFile = data.resolve("webhook-ca.pem");
    Files.writeString(
        caFile,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(ca.certificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n");

    Map<Setting, String> values = new HashMap<>();
    values.put(Setting.DATA, data.resolve("node").toString());
    values.put(Setting.BIND, "127.0.0.1");
    for (Setting port :
        List.of(
            Setting.HTTP_PORT,
            Setting.HTTPS_PORT,
            Setting.IMAP_PORT,
            Setting.IMAPS_PORT,
            Setting.POP3_PORT,
            Setting.POP3S_PORT,
            Setting.SUBMISSION_PORT,
            Setting.SUBMISSIONS_PORT,
            Setting.SMTP_PORT,
            Setting.MANAGESIEVE_PORT)) {
      values.put(port, "0");
    }
    values.put(Setting.SMTP_HOSTNAME, "mx.example.com");
    values.put(Setting.DNS_RESOLVERS, NoDns.RESOLVER);
    values.put(Setting.WEBHOOK_ALLOW_PRIVATE_ADDRESSES, "true");
    values.put(Setting.WEBHOOK_CA_FILE, caFile.toString());
    node = TestedNode.start(values);
    node.directory().addDomain(EmailAddress.parse(ALIAS).domain());
    new AliasLifecycle(
            node.directory(), node.vaults(), new SpoolStore(data.resolve("node").resolve("spool")))
        .create(EmailAddress.parse(ALIAS), PASSWORD.toCharArray())
        .close();
  }

  @AfterEach
  void stop() {
    node.close();
    receiver.stop(0);
    executor.shutdownNow();
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      posts.add(
          new Post(
              exchange.getRequestHeaders().getFirst("Idempotency-Key"),
              exchange.getRequestHeaders().getFirst("X-Mailvault-Timestamp"),
              exchange.getRequestHeaders().getFirst("X-Mailvault-Signature"),
              in.readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Test
  void aForwardOnlyAliasPostsEachMessageSignedWithTheSecretItWasShownAndStoresNothing()
      throws Exception {
    EmailAddress alias = EmailAddress.parse(ALIAS);
    String url = "https://localhost:" + receiver.getAddress().getPort() + "/mail";
    AddedForward added = node.directory().addForwardTarget(alias, url);
    node.directory().setDeliveryMode(alias, DeliveryMode.FORWARD);
    // What `alias forward add` prints, and what a receiver pastes into its verifier.
    String shownSecret = HexFormat.of().formatHex(added.newSecret().orElseThrow());

    assertThat(send("Invoice 42")).startsWith("250 ");

    await().atMost(Duration.ofSeconds(60)).until(() -> posts.size() == 1);
    Post post = posts.get(0);
    assertThat(post.signature()).isEqualTo(signature(shownSecret, post.timestamp(), post.body()));
    assertThat(post.key()).isNotBlank();
    String json = new String(post.body(), StandardCharsets.UTF_8);
    assertThat(json).contains("Invoice 42").contains(ALIAS);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !node.directory().webhookDeliveries(alias, 10).isEmpty());
    assertThat(node.directory().webhookDeliveries(alias, 10))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.outcome()).isEqualTo(WebhookDelivery.Outcome.DELIVERED);
              assertThat(entry.httpStatus()).hasValue(204);
              assertThat(entry.targetId()).isEqualTo(added.target().id());
            });
    // Forward only: the alias is offline, so a stored copy would be a spool file; there is none.
    Path spool = data.resolve("node").resolve("spool");
    if (Files.exists(spool)) {
      try (Stream<Path> files = Files.walk(spool)) {
        assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
      }
    }
  }

  /** docs/webhooks.md: sha256=hex(HMAC-SHA256(secret as shown, timestamp + "." + body)). */
  private static String signature(String secret, String timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private String send(String subject) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.smtpPort())) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      assertThat(in.readLine()).startsWith("220 ");
      assertThat(command(in, out, "EHLO client.test")).startsWith("250 ");
      assertThat(command(in, out, "MAIL FROM:<someone@far.example>")).startsWith("250 ");
      assertThat(command(in, out, "RCPT TO:<" + ALIAS + ">")).startsWith("250 ");
      assertThat(command(in, out, "DATA")).startsWith("354 ");
      return command(
          in,
          out,
          "From: <someone@far.example>\r\nTo: <"
              + ALIAS
              + ">\r\nSubject: "
              + subject
              + "\r\n\r\nPlease pay.\r\n.");
    }
  }

  private static String command(BufferedReader in, OutputStream out, String line)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = in.readLine();
    while (reply != null && reply.length() > 3 && reply.charAt(3) == '-') {
      reply = in.readLine();
    }
    return reply;
  }
}
