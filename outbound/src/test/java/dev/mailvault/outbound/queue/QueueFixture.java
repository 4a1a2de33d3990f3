package dev.mailvault.outbound.queue;

import dev.mailvault.core.crypto.SecretBytes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** A queue on a temporary directory with a hand-moved clock, local aliases and a remote peer. */
final class QueueFixture implements AutoCloseable {

  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  final Path directory;
  final SecretBytes key = SecretBytes.random(32);
  final MutableClock clock = new MutableClock(START);
  final RecordingMailboxes mailboxes =
      new RecordingMailboxes(Set.of("home.test"), Set.of("ghost@home.test"));
  final ScriptedTransmitter remote = new ScriptedTransmitter();
  QueueSettings settings =
      new QueueSettings(
          Duration.ofSeconds(300),
          Duration.ofSeconds(3600),
          Duration.ofHours(120),
          Duration.ofHours(4),
          4,
          2,
          "mail.home.test");
  OutboundQueue queue;

  QueueFixture(Path directory) {
    this.directory = directory;
  }

  OutboundQueue open() throws Exception {
    queue =
        OutboundQueue.open(
            directory, SecretBytes.copyOf(key.bytes()), mailboxes, remote, settings, clock);
    return queue;
  }

  /** Moves the clock and lets the queue look for due work. */
  void advance(Duration by) {
    clock.advance(by);
    queue.wake();
  }

  @Override
  public void close() {
    if (queue != null) {
      queue.close();
    }
  }
}
