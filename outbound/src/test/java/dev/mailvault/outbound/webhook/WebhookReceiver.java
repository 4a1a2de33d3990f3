package dev.mailvault.outbound.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.mailvault.outbound.testing.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HttpsServer with a certificate for {@code localhost}
 * from a {@link TestCa}) that checks each post's signature as a receiver would, with its own HMAC
 * code and the scheme docs/webhooks.md gives, records every post, and answers the status the test
 * sets. In slow mode it holds each request until it is closed.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One post as received. */
  record Post(
      String path,
      String idempotencyKey,
      String timestamp,
      String signature,
      boolean signatureValid,
      String contentType,
      String userAgent,
      byte[] body,
      int answered) {

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final byte[] secret;
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch released = new CountDownLatch(1);
  final List<Post> posts = new CopyOnWriteArrayList<>();
  private volatile IntSupplier status = () -> 200;
  private volatile boolean slow;

  WebhookReceiver(TestCa ca, byte[] secret) throws IOException, GeneralSecurityException {
    this.secret = secret.clone();
    this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ca.issue("localhost").serverContext()));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A client context that trusts {@code ca} only. */
  static SSLContext trusting(TestCa ca) throws GeneralSecurityException, IOException {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(ca.trustStore());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  URI url(String path) {
    return URI.create("https://localhost:" + server.getAddress().getPort() + path);
  }

  int port() {
    return server.getAddress().getPort();
  }

  void answer(int code) {
    status = () -> code;
  }

  void answer(IntSupplier codes) {
    status = codes;
  }

  /** Holds every request from now on until {@link #close()}. */
  void slow() {
    slow = true;
  }

  /** The posts answered 2xx. */
  List<Post> accepted() {
    return posts.stream().filter(p -> p.answered() / 100 == 2).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (slow) {
        try {
          released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      String timestamp = exchange.getRequestHeaders().getFirst("X-Mailvault-Timestamp");
      String signature = exchange.getRequestHeaders().getFirst("X-Mailvault-Signature");
      int code = status.getAsInt();
      posts.add(
          new Post(
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Idempotency-Key"),
              timestamp,
              signature,
              verify(timestamp, signature, body),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("User-Agent"),
              body,
              code));
      exchange.sendResponseHeaders(code, -1);
    }
  }

  /** docs/webhooks.md: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)). */
  private boolean verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      return MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          signature.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
