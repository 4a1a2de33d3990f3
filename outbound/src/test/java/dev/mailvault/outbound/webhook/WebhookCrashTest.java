package dev.mailvault.outbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.outbound.Transmitter;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.outbound.testing.TestCa;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's Must-show: {@code kill -9} during webhook retries loses nothing and posts each message
 * once per successful answer. A child JVM queues messages for two webhook targets whose receiver
 * answers 500, and is killed (SIGKILL) once every post has been retried at least once; a new queue
 * on the same directory, with the receiver now answering 200, posts each (message, target) with a
 * 2xx answer exactly once, under the Idempotency-Key it carried on every earlier try, every
 * signature valid. The queue's files hold no plaintext.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebhookCrashTest {

  private static final int MESSAGES = 20;

  @TempDir Path dir;

  @Test
  void sigkillDuringRetriesLosesNothingAndEachKeyIsAcceptedOnce() throws Exception {
    TestCa ca = TestCa.create("Webhook Crash CA");
    Path caFile = dir.resolve("ca.der");
    Files.write(caFile, ca.certificate().getEncoded());
    Path queueDir = dir.resolve("queue");
    SecretBytes key = SecretBytes.random(32);
    List<String> keys = new ArrayList<>();

    try (WebhookReceiver receiver = new WebhookReceiver(ca, WebhookTransmitterTest.SECRET)) {
      receiver.answer(500);
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx128m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  // The module's quiet logging: the child's stdout carries only its ids.
                  "-Dlogback.configurationFile="
                      + System.getProperty("logback.configurationFile", ""),
                  "-cp",
                  System.getProperty("java.class.path"),
                  WebhookCrashChild.class.getName(),
                  queueDir.toString(),
                  HexFormat.of().formatHex(key.bytes()),
                  Integer.toString(receiver.port()),
                  caFile.toString(),
                  Integer.toString(MESSAGES))
              .redirectError(dir.resolve("child.err").toFile())
              .start();
      try {
        try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
          for (String line; keys.size() < 2 * MESSAGES && (line = out.readLine()) != null; ) {
            if (line.startsWith("accepted ")) {
              String id = line.substring("accepted ".length());
              keys.add(id + "-t1");
              keys.add(id + "-t2");
            }
          }
        }
        assertThat(keys)
            .as("child stderr: " + Files.readString(dir.resolve("child.err")))
            .hasSize(2 * MESSAGES);
        // Killed while retrying: every post was answered 500 at least twice.
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> keys.stream().allMatch(k -> postsFor(receiver, k) >= 2));
      } finally {
        // SIGKILL on POSIX: no shutdown hook, no flush, no close.
        child.destroyForcibly();
        child.waitFor();
      }
      assertThat(receiver.accepted()).as("nothing was accepted before the kill").isEmpty();

      try (Stream<Path> files = Files.list(queueDir)) {
        for (Path file : files.toList()) {
          String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(bytes)
              .as(file.toString())
              .doesNotContain("crash-", "hooks@", "carol", "localhost", "webhook.mailvault");
        }
      }

      receiver.answer(200);
      Transmitter webhooks =
          WebhookCrashChild.transmitter(
              receiver.port(), WebhookReceiver.trusting(ca), Clock.systemUTC());
      try (OutboundQueue queue =
          OutboundQueue.open(
              queueDir,
              key,
              new WebhookQueueTest.NoMailboxes(),
              webhooks,
              webhooks,
              WebhookCrashChild.settings(),
              Clock.systemUTC())) {
        await().atMost(Duration.ofSeconds(60)).until(() -> queue.size() == 0);
      }

      Map<String, Long> acceptedPerKey =
          receiver.accepted().stream()
              .collect(
                  Collectors.groupingBy(
                      WebhookReceiver.Post::idempotencyKey, Collectors.counting()));
      assertThat(acceptedPerKey.keySet()).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(acceptedPerKey).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
      assertThat(receiver.posts).allMatch(WebhookReceiver.Post::signatureValid);
      Map<String, String> pathPerKey =
          receiver.posts.stream()
              .collect(
                  Collectors.toMap(
                      WebhookReceiver.Post::idempotencyKey,
                      WebhookReceiver.Post::path,
                      (a, b) -> a.equals(b) ? a : "mixed"));
      assertThat(pathPerKey)
          .allSatisfy((k, path) -> assertThat(path).isEqualTo("/" + k.substring(k.length() - 2)));
      System.out.printf(
          "WebhookCrashTest: %d keys, %d posts in all, each key accepted once%n",
          keys.size(), receiver.posts.size());
    }
  }

  private static long postsFor(WebhookReceiver receiver, String key) {
    return receiver.posts.stream()
        .map(WebhookReceiver.Post::idempotencyKey)
        .filter(key::equals)
        .count();
  }
}
