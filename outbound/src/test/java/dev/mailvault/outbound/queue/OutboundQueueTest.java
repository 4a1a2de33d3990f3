package dev.mailvault.outbound.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.RecipientResult.Outcome;
import dev.mailvault.outbound.dsn.ParsedDsn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundQueueTest {

  @TempDir Path dir;
  private QueueFixture f;

  @BeforeEach
  void setUp() {
    f = new QueueFixture(dir.resolve("queue"));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void localAndRemoteRecipientsAreDeliveredAtOnceAndTheItemLeavesTheDisk() throws Exception {
    OutboundQueue queue = f.open();
    String id =
        queue.submit(
            TestMessages.to(QueueFixture.START, "m1", "bob@remote.test", "carl@home.test"));

    soon().until(() -> queue.size() == 0);
    assertThat(f.remote.delivered).containsExactly(id + " bob@remote.test");
    assertThat(f.mailboxes.to("carl@home.test")).hasSize(1);
    assertThat(f.mailboxes.to("carl@home.test").get(0).raw()).isEqualTo(TestMessages.raw("m1"));
    assertThat(f.mailboxes.to("carl@home.test").get(0).mailFrom()).isEqualTo(TestMessages.SENDER);
    try (Stream<Path> left = Files.list(f.directory)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void nothingOnDiskIsPlaintextNotTheBodyNorAnAddressNorADomain() throws Exception {
    f.remote.answer("bob@remote-secret.test", Outcome.TEMPORARY);
    OutboundQueue queue = f.open();
    String id =
        queue.submit(TestMessages.to(QueueFixture.START, "marker-7f3a", "bob@remote-secret.test"));
    soon().until(() -> queue.show(id).orElseThrow().attempts() == 1);

    List<Path> files;
    try (Stream<Path> listing = Files.list(f.directory)) {
      files = listing.toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(id + ".item", id + ".state");
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String secret :
          List.of("marker-7f3a", "bob@remote-secret.test", "remote-secret", "alice", "home.test")) {
        assertThat(bytes).as(file + " contains " + secret).doesNotContain(secret);
      }
    }
  }

  @Test
  void aRestartResumesWithTheRecordedAttempts() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.TEMPORARY);
    OutboundQueue queue = f.open();
    String id = queue.submit(TestMessages.to(QueueFixture.START, "m2", "bob@remote.test"));
    soon().until(() -> queue.show(id).orElseThrow().attempts() == 1);
    queue.close();

    f.remote.answer("bob@remote.test", Outcome.DELIVERED);
    OutboundQueue reopened = f.open();
    QueueEntry entry = reopened.show(id).orElseThrow();
    assertThat(entry.attempts()).isEqualTo(1);
    assertThat(entry.nextAttempt()).contains(QueueFixture.START.plusSeconds(300));
    assertThat(entry.recipients().get(0).lastError()).startsWith("4.4.1").contains("*@remote.test");

    f.advance(Duration.ofSeconds(300));
    soon().until(() -> reopened.size() == 0);
    assertThat(f.remote.delivered).containsExactly(id + " bob@remote.test");
  }

  @Test
  void retriesBackOffFromTheFirstRetryDoublingUpToTheLongestWait() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.TEMPORARY);
    OutboundQueue queue = f.open();
    String id = queue.submit(TestMessages.to(QueueFixture.START, "m3", "bob@remote.test"));
    // Waits after attempts 1, 2, 3, 4, 5: 300, 600, 1200, 2400, then capped at 3600 seconds.
    long[] waits = {300, 600, 1200, 2400, 3600, 3600};
    var expected = QueueFixture.START;
    for (int attempt = 1; attempt <= waits.length; attempt++) {
      int done = attempt;
      soon().until(() -> queue.show(id).orElseThrow().attempts() == done);
      expected = f.clock.instant().plusSeconds(waits[attempt - 1]);
      assertThat(queue.show(id).orElseThrow().nextAttempt())
          .as("after attempt " + attempt)
          .contains(expected);
      f.advance(Duration.ofSeconds(waits[attempt - 1] - 1));
      // Not yet due: an early retry would be counted by the next await.
      f.advance(Duration.ofSeconds(1));
    }
    assertThat(f.remote.attemptsTo("bob@remote.test")).isGreaterThanOrEqualTo(waits.length);
  }

  @Test
  void retryNowTriesAtOnce() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.TEMPORARY);
    OutboundQueue queue = f.open();
    String id = queue.submit(TestMessages.to(QueueFixture.START, "m4", "bob@remote.test"));
    soon().until(() -> queue.show(id).orElseThrow().attempts() == 1);
    f.remote.answer("bob@remote.test", Outcome.DELIVERED);
    assertThat(queue.retryNow(id)).isTrue();
    soon().until(() -> queue.size() == 0);
    assertThat(queue.retryNow(id)).isFalse();
  }

  @Test
  void aRefusedRecipientBouncesAtOnceWhileTheOthersAreDelivered() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.PERMANENT);
    OutboundQueue queue = f.open();
    String id =
        queue.submit(
            TestMessages.to(
                QueueFixture.START, "m5", "bob@remote.test", "dan@remote.test", "ghost@home.test"));

    soon().until(() -> queue.size() == 0);
    assertThat(f.remote.delivered).containsExactly(id + " dan@remote.test");
    // One report per attempt that had failures: here one per destination domain.
    List<RecordingMailboxes.Delivery> bounces = f.mailboxes.to(TestMessages.SENDER);
    assertThat(bounces).hasSize(2);
    // RFC 3461 §6.2: a report goes with a null reverse-path.
    assertThat(bounces).allSatisfy(b -> assertThat(b.mailFrom()).isEmpty());
    ParsedDsn local = bounceFor(bounces, "ghost@home.test");
    assertThat(local.recipients).hasSize(1);
    assertThat(local.recipients.get(0).getHeader("Status", null)).isEqualTo("5.1.1");
    assertThat(local.recipients.get(0).getHeader("Remote-MTA", null)).isNull();
    ParsedDsn dsn = bounceFor(bounces, "bob@remote.test");
    assertThat(dsn.recipients).hasSize(1);
    assertThat(dsn.recipients.get(0).getHeader("Remote-MTA", null))
        .isEqualTo("dns; mx.remote.test");
    assertThat(dsn.recipients.get(0).getHeader("Diagnostic-Code", null))
        .startsWith("smtp; 550 5.1.1");
    assertThat(dsn.recipients.get(0).getHeader("Action", null)).isEqualTo("failed");
    assertThat(dsn.perMessage.getHeader("Original-Envelope-Id", null)).isEqualTo("env-m5");
    assertThat(dsn.contentType(2)).isEqualTo("text/rfc822-headers");
    assertThat(dsn.returned).contains("Subject: hello m5").doesNotContain("Body text");
  }

  @Test
  void aPendingRecipientGetsOneDelayWarningThenABounceAtTheGiveUpTime() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.TEMPORARY);
    OutboundQueue queue = f.open();
    String id =
        queue.submit(
            TestMessages.message(
                TestMessages.SENDER,
                QueueFixture.START,
                "m6",
                DsnReturn.FULL,
                List.of(OutboundRecipient.of("bob@remote.test"))));
    soon().until(() -> queue.show(id).orElseThrow().attempts() == 1);
    assertThat(f.mailboxes.to(TestMessages.SENDER)).isEmpty();

    // Hourly retries from here on; the fifth hour's attempt is past the 4-hour warning.
    int attempts = 1;
    while (f.clock.instant().isBefore(QueueFixture.START.plus(Duration.ofHours(6)))) {
      f.advance(
          Duration.between(
              f.clock.instant(), queue.show(id).orElseThrow().nextAttempt().orElseThrow()));
      int next = ++attempts;
      soon().until(() -> queue.show(id).orElseThrow().attempts() == next);
    }
    soon().until(() -> f.mailboxes.to(TestMessages.SENDER).size() == 1);
    ParsedDsn warning = ParsedDsn.parse(f.mailboxes.to(TestMessages.SENDER).get(0).raw());
    assertThat(warning.recipients.get(0).getHeader("Action", null)).isEqualTo("delayed");
    assertThat(warning.recipients.get(0).getHeader("Will-Retry-Until", null))
        .isEqualTo("Fri, 6 Mar 2026 10:00:00 +0000");

    // On to the give-up time: no second warning, then one bounce with the whole message.
    for (Optional<QueueEntry> current = queue.show(id);
        current.isPresent() && current.get().nextAttempt().isPresent();
        current = queue.show(id)) {
      QueueEntry entry = current.get();
      f.advance(Duration.between(f.clock.instant(), entry.nextAttempt().get()));
      int seen = entry.attempts();
      soon().until(() -> queue.show(id).map(e -> e.attempts() > seen).orElse(true));
    }
    soon().until(() -> queue.size() == 0);
    assertThat(f.clock.instant()).isEqualTo(QueueFixture.START.plus(Duration.ofHours(120)));
    List<RecordingMailboxes.Delivery> reports = f.mailboxes.to(TestMessages.SENDER);
    assertThat(reports).hasSize(2);
    ParsedDsn bounce = ParsedDsn.parse(reports.get(1).raw());
    assertThat(bounce.recipients.get(0).getHeader("Action", null)).isEqualTo("failed");
    assertThat(bounce.recipients.get(0).getHeader("Status", null)).isEqualTo("4.4.1");
    assertThat(bounce.contentType(2)).isEqualTo("message/rfc822");
    assertThat(bounce.returned).contains("Body text m6");
  }

  @Test
  void notifyNeverSilencesTheBounceAndNotifySuccessReportsTheDelivery() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.PERMANENT);
    OutboundQueue queue = f.open();
    queue.submit(
        TestMessages.message(
            TestMessages.SENDER,
            QueueFixture.START,
            "m7",
            DsnReturn.DEFAULT,
            List.of(
                TestMessages.notifying("bob@remote.test", DsnNotify.NEVER),
                TestMessages.notifying("carl@home.test", DsnNotify.SUCCESS))));
    soon().until(() -> queue.size() == 0);
    List<RecordingMailboxes.Delivery> reports = f.mailboxes.to(TestMessages.SENDER);
    assertThat(reports).hasSize(1);
    ParsedDsn dsn = ParsedDsn.parse(reports.get(0).raw());
    assertThat(dsn.recipients).hasSize(1);
    assertThat(dsn.recipients.get(0).getHeader("Action", null)).isEqualTo("delivered");
    assertThat(dsn.recipients.get(0).getHeader("Original-Recipient", null))
        .isEqualTo("rfc822;carl@home.test");
  }

  @Test
  void aMessageWithANullSenderIsNeverReportedOn() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.PERMANENT);
    OutboundQueue queue = f.open();
    queue.submit(
        TestMessages.message(
            "",
            QueueFixture.START,
            "m8",
            DsnReturn.DEFAULT,
            List.of(OutboundRecipient.of("bob@remote.test"))));
    soon().until(() -> queue.size() == 0);
    assertThat(f.mailboxes.deliveries).isEmpty();
  }

  @Test
  void aFullLocalMailboxIsRetriedNotBounced() throws Exception {
    f.mailboxes.fill("carl@home.test");
    OutboundQueue queue = f.open();
    String id = queue.submit(TestMessages.to(QueueFixture.START, "m9", "carl@home.test"));
    soon().until(() -> queue.show(id).orElseThrow().attempts() == 1);
    assertThat(queue.show(id).orElseThrow().recipients().get(0).lastError()).startsWith("4.2.2");
    f.mailboxes.empty("carl@home.test");
    f.advance(Duration.ofSeconds(300));
    soon().until(() -> queue.size() == 0);
    assertThat(f.mailboxes.to("carl@home.test")).hasSize(1);
  }

  @Test
  void removeDropsAnItemWithoutAReport() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.TEMPORARY);
    OutboundQueue queue = f.open();
    String id = queue.submit(TestMessages.to(QueueFixture.START, "m10", "bob@remote.test"));
    soon().until(() -> queue.show(id).orElseThrow().attempts() == 1);
    assertThat(queue.remove(id)).isTrue();
    assertThat(queue.list()).isEmpty();
    try (Stream<Path> left = Files.list(f.directory)) {
      assertThat(left).isEmpty();
    }
    assertThat(f.mailboxes.deliveries).isEmpty();
  }

  @Test
  void aFileRenamedOverAnotherDoesNotOpen() throws Exception {
    f.remote.answer("bob@remote.test", Outcome.TEMPORARY);
    OutboundQueue queue = f.open();
    String a = queue.submit(TestMessages.to(QueueFixture.START, "a", "bob@remote.test"));
    String b = queue.submit(TestMessages.to(QueueFixture.START, "b", "bob@remote.test"));
    soon()
        .until(
            () ->
                queue.show(b).orElseThrow().attempts() == 1
                    && queue.show(a).orElseThrow().attempts() == 1);
    queue.close();
    Files.copy(
        f.directory.resolve(a + ".item"),
        f.directory.resolve(b + ".item"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    QueueInspector inspector = new QueueInspector(f.directory, f.key);
    assertThat(inspector.list()).extracting(QueueEntry::id).containsExactly(a);
  }

  @Test
  void atMostPerDomainAttemptsRunAtOnceToOneDomainAndOthersAreNotHeldBack() throws Exception {
    java.util.concurrent.atomic.AtomicInteger busy =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    dev.mailvault.outbound.Transmitter slow =
        attempt -> {
          if (attempt.domain().equals("slow.test")) {
            most.accumulateAndGet(busy.incrementAndGet(), Math::max);
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            busy.decrementAndGet();
          }
          return f.remote.transmit(attempt);
        };
    try (OutboundQueue queue =
        OutboundQueue.open(
            f.directory,
            SecretBytes.copyOf(f.key.bytes()),
            f.mailboxes,
            slow,
            f.settings,
            f.clock)) {
      for (int i = 0; i < 5; i++) {
        queue.submit(TestMessages.to(QueueFixture.START, "s" + i, "u" + i + "@slow.test"));
      }
      soon().until(() -> busy.get() == f.settings.perDomain());
      String other = queue.submit(TestMessages.to(QueueFixture.START, "o", "bob@remote.test"));
      soon().until(() -> queue.show(other).isEmpty());
      assertThat(busy.get()).isEqualTo(f.settings.perDomain());
      release.countDown();
      soon().until(() -> queue.size() == 0);
    }
    assertThat(most.get()).isEqualTo(f.settings.perDomain());
  }

  private static ParsedDsn bounceFor(List<RecordingMailboxes.Delivery> bounces, String address)
      throws Exception {
    for (RecordingMailboxes.Delivery bounce : bounces) {
      ParsedDsn dsn = ParsedDsn.parse(bounce.raw());
      if (("rfc822; " + address).equals(dsn.recipients.get(0).getHeader("Final-Recipient", null))) {
        return dsn;
      }
    }
    throw new AssertionError("no bounce for " + address);
  }

  /** Polls often: the schedule tests wait for a hundred attempts one after another. */
  static ConditionFactory soon() {
    return await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2))
        .atMost(Duration.ofSeconds(20));
  }
}
