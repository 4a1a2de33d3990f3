package dev.mailvault.outbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.RecipientResult.Outcome;
import dev.mailvault.outbound.testing.TestCa;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The transmitter against a real HTTPS receiver that checks every signature. */
class WebhookTransmitterTest {

  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final byte[] SECRET = "whsec_test-secret-4f1c".getBytes(StandardCharsets.US_ASCII);

  private static TestCa ca;
  private static SSLContext trust;

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final RecordingWebhookLog log = new RecordingWebhookLog();
  private final FixedEndpoints endpoints = new FixedEndpoints();
  private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
  private final Logger transmitterLogger =
      (Logger) LoggerFactory.getLogger(WebhookTransmitter.class);
  private WebhookReceiver receiver;

  @BeforeAll
  static void ca() throws Exception {
    ca = TestCa.create("Webhook Test CA");
    trust = WebhookReceiver.trusting(ca);
  }

  @BeforeEach
  void setUp() throws Exception {
    receiver = new WebhookReceiver(ca, SECRET);
    logLines.start();
    transmitterLogger.addAppender(logLines);
    transmitterLogger.setLevel(Level.DEBUG);
    transmitterLogger.setAdditive(false);
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    transmitterLogger.detachAppender(logLines);
    transmitterLogger.setLevel(null);
    transmitterLogger.setAdditive(true);
  }

  static WebhookSettings testSettings() {
    return new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 20, true, false);
  }

  private WebhookTransmitter transmitter(WebhookSettings settings) {
    return new WebhookTransmitter(endpoints, log, settings, trust, clock);
  }

  private void target(String id, URI url) {
    endpoints.add(new WebhookEndpoint(id, WebhookMessages.ALIAS, url, SECRET));
  }

  private RecipientResult postOne(WebhookSettings settings, String queueId, byte[] raw) {
    List<RecipientResult> results =
        transmitter(settings).transmit(WebhookMessages.attempt(queueId, raw, "t1"));
    assertThat(results).hasSize(1);
    assertThat(results.get(0).recipient()).isEqualTo("t1@webhook.mailvault.invalid");
    return results.get(0);
  }

  @Test
  void aSignedPostAnswered2xxIsDelivered() {
    target("t1", receiver.url("/hook/abc"));
    receiver.answer(204);

    RecipientResult result = postOne(testSettings(), "Q1", WebhookMessages.simple("m1"));

    assertThat(result.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(receiver.posts).hasSize(1);
    WebhookReceiver.Post post = receiver.posts.get(0);
    assertThat(post.signatureValid()).as("signature checks out").isTrue();
    assertThat(post.path()).isEqualTo("/hook/abc");
    assertThat(post.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(post.idempotencyKey()).isEqualTo("Q1-t1");
    assertThat(post.contentType()).isEqualTo("application/json");
    assertThat(post.userAgent()).isEqualTo("Mailvault");
    assertThat(log.entries)
        .containsExactly(
            new WebhookDelivery(
                WebhookMessages.ALIAS,
                "t1",
                "Q1",
                NOW,
                204,
                "",
                WebhookDelivery.Outcome.DELIVERED));
  }

  @Test
  void aWrongSecretIsCaughtByTheReceiversCheck() {
    // The check can fail: the same post signed with another key does not verify.
    endpoints.add(
        new WebhookEndpoint(
            "t1",
            WebhookMessages.ALIAS,
            receiver.url("/"),
            "another secret".getBytes(StandardCharsets.US_ASCII)));
    postOne(testSettings(), "Q1", WebhookMessages.simple("m1"));
    assertThat(receiver.posts)
        .singleElement()
        .extracting(WebhookReceiver.Post::signatureValid)
        .isEqualTo(false);
  }

  @Test
  void aReceiverThatIsDownIsTriedAgainLater() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    target("t1", URI.create("https://localhost:" + closedPort + "/"));

    RecipientResult result = postOne(testSettings(), "Q2", WebhookMessages.simple("m2"));

    assertThat(result.outcome()).isEqualTo(Outcome.TEMPORARY);
    assertThat(result.status()).isEqualTo("4.4.1");
    assertThat(log.entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.errorKind()).isEqualTo("connect");
              assertThat(e.httpStatus()).isZero();
              assertThat(e.outcome()).isEqualTo(WebhookDelivery.Outcome.RETRY);
            });
  }

  @Test
  void aReceiverSlowerThanTheRequestTimeoutIsTriedAgainLater() {
    target("t1", receiver.url("/"));
    receiver.slow();
    WebhookSettings impatient =
        new WebhookSettings(Duration.ofSeconds(5), Duration.ofMillis(300), 1 << 20, true, false);

    RecipientResult result = postOne(impatient, "Q3", WebhookMessages.simple("m3"));

    assertThat(result.outcome()).isEqualTo(Outcome.TEMPORARY);
    assertThat(log.entries)
        .singleElement()
        .extracting(WebhookDelivery::errorKind)
        .isEqualTo("timeout");
  }

  @Test
  void status410IsFinal() {
    target("t1", receiver.url("/"));
    receiver.answer(410);

    RecipientResult result = postOne(testSettings(), "Q4", WebhookMessages.simple("m4"));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.status()).isEqualTo("5.1.1");
    assertThat(result.diagnostic()).isEqualTo("x-http; HTTP 410");
    assertThat(log.entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.httpStatus()).isEqualTo(410);
              assertThat(e.outcome()).isEqualTo(WebhookDelivery.Outcome.FAILED);
            });
  }

  @Test
  void statusesAreClassifiedAsTheIssueSays() {
    target("t1", receiver.url("/"));
    int[] retried = {408, 429, 500, 502, 503};
    int[] finalOnes = {400, 401, 403, 404, 413, 422};
    for (int code : retried) {
      receiver.answer(code);
      assertThat(postOne(testSettings(), "Q", WebhookMessages.simple("m")).outcome())
          .as("HTTP " + code)
          .isEqualTo(Outcome.TEMPORARY);
    }
    for (int code : finalOnes) {
      receiver.answer(code);
      assertThat(postOne(testSettings(), "Q", WebhookMessages.simple("m")).outcome())
          .as("HTTP " + code)
          .isEqualTo(Outcome.PERMANENT);
    }
    receiver.answer(200);
    assertThat(postOne(testSettings(), "Q", WebhookMessages.simple("m")).outcome())
        .isEqualTo(Outcome.DELIVERED);
    assertThat(receiver.posts).allMatch(WebhookReceiver.Post::signatureValid);
  }

  @Test
  void status429IsTriedAgainLater() {
    target("t1", receiver.url("/"));
    receiver.answer(429);

    RecipientResult result = postOne(testSettings(), "Q5", WebhookMessages.simple("m5"));

    assertThat(result.outcome()).isEqualTo(Outcome.TEMPORARY);
    assertThat(log.entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.outcome()).isEqualTo(WebhookDelivery.Outcome.RETRY);
            });
  }

  @Test
  void thePayloadCarriesEnvelopeHeadersBodiesAttachmentsAndTheRawMessage() throws Exception {
    target("t1", receiver.url("/"));
    byte[] raw = WebhookMessages.rich();

    assertThat(postOne(testSettings(), "Q6", raw).outcome()).isEqualTo(Outcome.DELIVERED);

    WebhookReceiver.Post post = receiver.posts.get(0);
    assertThat(post.signatureValid()).isTrue();
    JsonNode json = new ObjectMapper().readTree(post.body());
    assertThat(json.get("id").asText()).isEqualTo("Q6-t1");
    assertThat(json.get("envelope").get("mailFrom").asText()).isEqualTo(WebhookMessages.SENDER);
    assertThat(json.get("envelope").get("rcptTo").asText()).isEqualTo(WebhookMessages.ALIAS);
    assertThat(json.get("envelope").get("alias").asText()).isEqualTo(WebhookMessages.ALIAS);
    JsonNode headers = json.get("headers");
    assertThat(headers.get(0).get("name").asText()).isEqualTo("From");
    assertThat(headers.get(0).get("value").asText()).isEqualTo("Carol <carol@elsewhere.test>");
    assertThat(headers.get(2).get("name").asText()).isEqualTo("Subject");
    assertThat(headers.get(2).get("value").asText()).isEqualTo("Caf\u00e9 \u2615 report");
    assertThat(headers.get(3).get("value").asText()).isEqualTo("one two");
    assertThat(json.get("text").asText())
        .isEqualTo("Gr\u00fc\u00dfe aus K\u00f6ln, a long line that is soft-broken.");
    assertThat(json.get("html").asText()).isEqualTo("<p>Gr\u00fc\u00dfe <b>aus</b> K\u00f6ln</p>");
    JsonNode attachments = json.get("attachments");
    assertThat(attachments).hasSize(1);
    assertThat(attachments.get(0).get("filename").asText()).isEqualTo("r\u00e9sum\u00e9.bin");
    assertThat(attachments.get(0).get("contentType").asText())
        .isEqualTo("application/octet-stream");
    assertThat(attachments.get(0).get("size").asInt()).isEqualTo(WebhookMessages.ATTACHMENT.length);
    assertThat(Base64.getDecoder().decode(attachments.get(0).get("content").asText()))
        .isEqualTo(WebhookMessages.ATTACHMENT);
    assertThat(Base64.getDecoder().decode(json.get("raw").asText())).isEqualTo(raw);
  }

  @Test
  void aMessageWithoutHtmlHasNullHtmlAndNoAttachments() throws Exception {
    target("t1", receiver.url("/"));
    postOne(testSettings(), "Q7", WebhookMessages.simple("m7"));
    JsonNode json = new ObjectMapper().readTree(receiver.posts.get(0).body());
    assertThat(json.get("text").asText()).isEqualTo("Body text m7\r\n");
    assertThat(json.get("html").isNull()).isTrue();
    assertThat(json.get("attachments")).isEmpty();
  }

  @Test
  void loopbackIsRefusedWhenPrivateAddressesAreNotAllowed() {
    target("t1", receiver.url("/"));

    RecipientResult result =
        postOne(WebhookSettings.defaults(), "Q8", WebhookMessages.simple("m8"));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.status()).isEqualTo("5.7.1");
    assertThat(receiver.posts).as("nothing reached the receiver").isEmpty();
    assertThat(log.entries)
        .singleElement()
        .extracting(WebhookDelivery::errorKind)
        .isEqualTo("private-address");
  }

  @Test
  void plainHttpIsRefused() {
    target("t1", URI.create("http://localhost:" + receiver.port() + "/"));

    RecipientResult result = postOne(testSettings(), "Q9", WebhookMessages.simple("m9"));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.status()).isEqualTo("5.7.10");
    assertThat(log.entries)
        .singleElement()
        .extracting(WebhookDelivery::errorKind)
        .isEqualTo("insecure-url");
  }

  @Test
  void aTargetRemovedSinceIsFinal() {
    RecipientResult result = postOne(testSettings(), "Q10", WebhookMessages.simple("m10"));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(log.entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.errorKind()).isEqualTo("unknown-target");
              assertThat(e.alias()).as("the alias from ORCPT").isEqualTo(WebhookMessages.ALIAS);
            });
  }

  @Test
  void aCertificateFromAnotherCaIsATemporaryTlsFailure() throws Exception {
    target("t1", receiver.url("/"));
    SSLContext otherTrust = WebhookReceiver.trusting(TestCa.create("Some Other CA"));
    WebhookTransmitter transmitter =
        new WebhookTransmitter(endpoints, log, testSettings(), otherTrust, clock);

    List<RecipientResult> results =
        transmitter.transmit(WebhookMessages.attempt("Q11", WebhookMessages.simple("m"), "t1"));

    assertThat(results.get(0).outcome()).isEqualTo(Outcome.TEMPORARY);
    assertThat(results.get(0).status()).isEqualTo("4.7.5");
    assertThat(receiver.posts).isEmpty();
  }

  @Test
  void aPayloadOverTheLimitIsFinal() {
    target("t1", receiver.url("/"));
    WebhookSettings small =
        new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 1000, true, false);

    RecipientResult result = postOne(small, "Q12", WebhookMessages.rich());

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.status()).isEqualTo("5.3.4");
    assertThat(receiver.posts).isEmpty();
  }

  @Test
  void eachTargetOfAnAttemptGetsItsOwnKeyAndResult() {
    target("t1", receiver.url("/one"));
    target("t2", receiver.url("/two"));

    List<RecipientResult> results =
        transmitter(testSettings())
            .transmit(WebhookMessages.attempt("Q13", WebhookMessages.simple("m"), "t1", "t2"));

    assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.DELIVERED);
    assertThat(receiver.posts)
        .extracting(WebhookReceiver.Post::idempotencyKey)
        .containsExactly("Q13-t1", "Q13-t2");
  }

  @Test
  void noLogLineCarriesTheUrlTheSecretTheAliasOrTheContent() {
    target("t1", receiver.url("/hook/private-token-77"));
    receiver.answer(500);
    postOne(testSettings(), "Q14", WebhookMessages.simple("content-marker-3b"));
    receiver.answer(200);
    postOne(testSettings(), "Q14", WebhookMessages.simple("content-marker-3b"));

    assertThat(logLines.list).isNotEmpty();
    for (ILoggingEvent line : logLines.list) {
      assertThat(line.getFormattedMessage())
          .doesNotContain(
              "private-token-77",
              "localhost",
              Integer.toString(receiver.port()),
              "whsec_",
              "hooks@",
              "carol",
              "content-marker-3b");
    }
  }
}
