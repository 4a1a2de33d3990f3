package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.server.http.HttpListener;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's own answers (ADR 0258), through a real listener: an unexpected failure is a 500
 * {@code internal} with nothing of its cause, and a full pool is a 503 {@code busy} at once.
 */
class WebDispatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void anUnexpectedFailureIsAnInternalErrorThatTellsNothing() throws Exception {
    Routes routes = new Routes();
    routes.get(
        "/api/v1/boom",
        request -> {
          throw new IllegalStateException("secret detail hello@example.com");
        });
    try (WebDispatcher web = new WebDispatcher(new Routes(), routes, 2, 4);
        HttpListener http =
            HttpListener.start(loops, "127.0.0.1", 0, null, () -> null, null, null, web)) {
      HttpResponse<String> answer = get(http, "/api/v1/boom");
      assertThat(answer.statusCode()).isEqualTo(500);
      JsonNode body = JSON.readTree(answer.body());
      assertThat(body.get("error").asText()).isEqualTo("internal");
      assertThat(answer.body()).doesNotContain("secret").doesNotContain("hello@example.com");
      assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
    }
  }

  @Test
  void aFullPoolAnswersBusyAtOnceAndServesAgainWhenFree() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    Routes routes = new Routes();
    routes.get(
        "/slow",
        request -> {
          started.incrementAndGet();
          release.await(60, TimeUnit.SECONDS);
          return WebResponse.text(200, "text/plain", "done");
        });
    // One worker and one waiting place: the third request at once finds no room.
    try (WebDispatcher web = new WebDispatcher(new Routes(), routes, 1, 1);
        HttpListener http =
            HttpListener.start(loops, "127.0.0.1", 0, null, () -> null, null, null, web)) {
      CompletableFuture<HttpResponse<String>> first = getAsync(http, "/slow");
      await().atMost(Duration.ofSeconds(30)).until(() -> started.get() == 1);
      CompletableFuture<HttpResponse<String>> second = getAsync(http, "/slow");
      await().atMost(Duration.ofSeconds(30)).until(() -> web.waiting() == 1);
      HttpResponse<String> third = get(http, "/slow");
      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(third.body()).get("error").asText()).isEqualTo("busy");
      release.countDown();
      assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(second.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(get(http, "/slow").body()).isEqualTo("done");
    }
  }

  private HttpResponse<String> get(HttpListener http, String path) throws Exception {
    return client.send(request(http, path), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> getAsync(HttpListener http, String path) {
    return client.sendAsync(request(http, path), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(HttpListener http, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.address().getPort() + path))
        .header("Accept", "application/json")
        .build();
  }
}
