package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.http.HealthMonitor;
import dev.mailvault.server.http.HttpListener;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two weeks before the certificate expires, {@code /healthz} says so (still 200: the node serves)
 * and the log has a WARN line. The clock is fixed relative to the certificate, never to today.
 */
class CertificateExpiryTest {

  @TempDir Path data;
  @TempDir Path etc;

  private EventLoopGroup loops;
  private TlsMaterial material;
  private Instant notAfter;

  @BeforeEach
  void certificate() throws Exception {
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    material = new SelfSignedCertificateGenerator().generate(Instant.parse("2031-03-01T00:00:00Z"));
    notAfter = material.leaf().getNotAfter().toInstant();
    Files.write(etc.resolve("cert.pem"), PemFiles.encodeChain(material.chain()));
    Files.write(etc.resolve("key.pem"), PemFiles.encodeKey(material.key()));
  }

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void tenDaysBeforeExpiryHealthzIsDegradedWithTheDate() throws Exception {
    String body = healthz(notAfter.minus(Duration.ofDays(10)));

    assertThat(body)
        .startsWith("{\"status\":\"degraded\",\"warnings\":[\"TLS certificate ")
        .contains("expires at " + notAfter + " (in 10 days)");
  }

  @Test
  void theLogHasOneWarnLineNotOneEveryHealthCheck() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ServerTls.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      healthz(notAfter.minus(Duration.ofDays(10)));
    } finally {
      logger.detachAppender(log);
    }
    assertThat(log.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .asString()
        .contains("expires at " + notAfter);
  }

  @Test
  void twentyDaysBeforeExpiryHealthzIsOk() throws Exception {
    assertThat(healthz(notAfter.minus(Duration.ofDays(20)))).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void afterExpiryTheWarningSaysExpired() throws Exception {
    assertThat(healthz(notAfter.plus(Duration.ofDays(1)))).contains("expired at " + notAfter);
  }

  /** The body of {@code GET /healthz} from a real listener whose TLS runs at {@code now}. */
  private String healthz(Instant now) throws Exception {
    Settings settings =
        Settings.resolve(
            Map.of(
                Setting.DATA,
                data.toString(),
                Setting.TLS_CERT,
                etc.resolve("cert.pem").toString(),
                Setting.TLS_KEY,
                etc.resolve("key.pem").toString()),
            Map.of(),
            null);
    try (ServerTls tls =
            TlsContexts.start(
                DataLayout.open(data),
                settings,
                Clock.fixed(now, ZoneOffset.UTC),
                TlsProvider.preferred(),
                Duration.ofHours(1));
        HealthMonitor health =
            new HealthMonitor(() -> null, tls::expiryWarning, Duration.ofHours(1));
        HttpListener http = HttpListener.start(loops, "127.0.0.1", 0, health)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + http.address().getPort() + "/healthz"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }
}
