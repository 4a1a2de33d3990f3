package dev.mailvault.outbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.LocalMailboxes;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import dev.mailvault.outbound.queue.MutableClock;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.outbound.queue.QueueSettings;
import dev.mailvault.outbound.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through a real {@link OutboundQueue}: its back-off retries a failed post with the same
 * Idempotency-Key, a final answer is not retried and bounces to the sender without the URL. The
 * queue's clock is moved by hand, so no test waits for a retry.
 */
class WebhookQueueTest {

  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration FIRST_RETRY = Duration.ofSeconds(300);
  private static TestCa ca;
  private static SSLContext trust;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(START);
  private final RecordingWebhookLog log = new RecordingWebhookLog();
  private final FixedEndpoints endpoints = new FixedEndpoints();
  private final List<DeliveryAttempt> mail = new CopyOnWriteArrayList<>();
  private WebhookReceiver receiver;
  private OutboundQueue queue;

  @BeforeAll
  static void ca() throws Exception {
    ca = TestCa.create("Webhook Queue Test CA");
    trust = WebhookReceiver.trusting(ca);
  }

  @BeforeEach
  void setUp() throws Exception {
    receiver = new WebhookReceiver(ca, WebhookTransmitterTest.SECRET);
    endpoints.add(
        new WebhookEndpoint(
            "t1", WebhookMessages.ALIAS, receiver.url("/hook"), WebhookTransmitterTest.SECRET));
    WebhookTransmitter webhooks =
        new WebhookTransmitter(endpoints, log, WebhookTransmitterTest.testSettings(), trust, clock);
    // What the server's routing does: the webhook domain to the webhooks, the rest to the network.
    Transmitter remote =
        attempt -> {
          if (attempt.domain().equals(WebhookTransmitter.DOMAIN)) {
            return webhooks.transmit(attempt);
          }
          mail.add(attempt);
          return attempt.recipients().stream()
              .map(
                  r ->
                      new RecipientResult(
                          r.address(),
                          RecipientResult.Outcome.DELIVERED,
                          "2.0.0",
                          "smtp; 250 ok",
                          Optional.empty()))
              .toList();
        };
    QueueSettings settings =
        new QueueSettings(
            FIRST_RETRY,
            Duration.ofSeconds(3600),
            Duration.ofHours(120),
            Duration.ofHours(4),
            4,
            2,
            "mx.home.test");
    queue =
        OutboundQueue.open(
            dir.resolve("queue"),
            SecretBytes.random(32),
            new NoMailboxes(),
            remote,
            // The queue hands webhook.mailvault.invalid to its webhook transmitter (ADR 0240).
            remote,
            settings,
            clock);
  }

  @AfterEach
  void tearDown() {
    queue.close();
    receiver.close();
  }

  private static ConditionFactory soon() {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20));
  }

  @Test
  void a500IsRetriedOnTheQueuesBackOffWithTheSameIdempotencyKey() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(() -> calls.incrementAndGet() == 1 ? 500 : 200);

    String id = queue.submit(WebhookMessages.message(START, WebhookMessages.simple("r1"), "t1"));
    soon().until(() -> queue.show(id).map(e -> e.attempts() == 1).orElse(false));
    assertThat(receiver.posts).hasSize(1);

    clock.advance(FIRST_RETRY.minusSeconds(1));
    queue.wake();
    soon().during(Duration.ofMillis(200)).until(() -> receiver.posts.size() == 1);

    clock.advance(Duration.ofSeconds(1));
    queue.wake();
    soon().until(() -> queue.size() == 0);

    assertThat(receiver.posts).hasSize(2);
    assertThat(receiver.posts).allMatch(WebhookReceiver.Post::signatureValid);
    assertThat(receiver.posts)
        .extracting(WebhookReceiver.Post::idempotencyKey)
        .containsExactly(id + "-t1", id + "-t1");
    assertThat(receiver.posts)
        .extracting(WebhookReceiver.Post::timestamp)
        .containsExactly(
            Long.toString(START.getEpochSecond()),
            Long.toString(START.plus(FIRST_RETRY).getEpochSecond()));
    assertThat(receiver.posts.get(0).body()).isEqualTo(receiver.posts.get(1).body());
    assertThat(log.entries)
        .extracting(WebhookDelivery::outcome)
        .containsExactly(WebhookDelivery.Outcome.RETRY, WebhookDelivery.Outcome.DELIVERED);
    assertThat(mail).as("no report for a delivered webhook").isEmpty();
  }

  @Test
  void a410IsFinalNotRetriedAndBouncesWithoutTheUrl() throws Exception {
    receiver.answer(410);

    String id = queue.submit(WebhookMessages.message(START, WebhookMessages.simple("r2"), "t1"));
    soon().until(() -> queue.size() == 0);
    clock.advance(Duration.ofHours(2));
    queue.wake();
    soon().during(Duration.ofMillis(200)).until(() -> receiver.posts.size() == 1);

    assertThat(log.entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.queueId()).isEqualTo(id);
              assertThat(e.outcome()).isEqualTo(WebhookDelivery.Outcome.FAILED);
            });
    assertThat(mail).as("the bounce to the sender").hasSize(1);
    DeliveryAttempt bounce = mail.get(0);
    assertThat(bounce.mailFrom()).isEmpty();
    assertThat(bounce.recipients().get(0).address()).isEqualTo(WebhookMessages.SENDER);
    String report = new String(bounce.raw(), StandardCharsets.UTF_8);
    assertThat(report).contains("x-http; HTTP 410").doesNotContain("localhost", "/hook");
  }

  /** No local domain: every recipient goes to the test's routing transmitter. */
  static final class NoMailboxes implements LocalMailboxes {
    @Override
    public boolean serves(String domain) {
      return false;
    }

    @Override
    public void deliver(String address, String mailFrom, byte[] raw, Instant arrival)
        throws MailvaultException {
      throw new UnknownMailboxException("no local mailboxes");
    }
  }
}
