package dev.mailvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /readyz} over a real socket (ADR 0257): 200 while the listeners are up and the
 * directory answers, 503 naming the part that is not, back to 200 when it answers again; the check
 * runs on the monitor's thread, never the event loop.
 */
class ReadinessEndpointTest {

  private final EventLoopGroup loops =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void answersFromTheLastCheckAndNamesThePartNotReady() throws Exception {
    AtomicBoolean directoryAnswers = new AtomicBoolean(true);
    AtomicBoolean listenersUp = new AtomicBoolean(true);
    Readiness readiness =
        new Readiness(
            listenersUp::get,
            () -> {
              if (!directoryAnswers.get()) {
                throw new IllegalStateException("/secret/path/directory.sqlite is closed");
              }
            });
    try (HealthMonitor monitor = new HealthMonitor(readiness, Duration.ofMillis(20));
        HttpListener http = HttpListener.start(loops, "127.0.0.1", 0, () -> null, monitor, null)) {
      String url = "http://127.0.0.1:" + http.address().getPort();
      assertThat(get(url + "/readyz").statusCode()).isEqualTo(200);

      directoryAnswers.set(false);
      await().atMost(Duration.ofSeconds(30)).until(() -> get(url + "/readyz").statusCode() == 503);
      assertThat(get(url + "/readyz").body())
          .isEqualTo("{\"status\":\"not ready\",\"parts\":[\"directory\"]}");

      listenersUp.set(false);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> get(url + "/readyz").body().contains("\"listeners\",\"directory\""));

      directoryAnswers.set(true);
      listenersUp.set(true);
      await().atMost(Duration.ofSeconds(30)).until(() -> get(url + "/readyz").statusCode() == 200);
      // Alive all along: /healthz is about this process, /readyz about serving.
      assertThat(get(url + "/healthz").statusCode()).isEqualTo(200);
      // Built without metrics: nothing at /metrics.
      assertThat(get(url + "/metrics").statusCode()).isEqualTo(404);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
