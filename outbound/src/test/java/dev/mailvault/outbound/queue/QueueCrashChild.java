package dev.mailvault.outbound.queue;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.LocalMailboxes;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.RecipientResult.Outcome;
import dev.mailvault.outbound.Transmitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The process {@link QueueCrashTest} kills: it submits messages as fast as it can, each to one
 * recipient at {@code fast.test} (delivered: the delivery is appended to a log before the result is
 * returned) and one at {@code slow.test} (always deferred, so its state file is rewritten every
 * second), and prints each id only after {@link OutboundQueue#submit} returned.
 *
 * <p>Arguments: the queue directory, the queue key in hex, the delivery log.
 */
public final class QueueCrashChild {

  private QueueCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    SecretBytes key = SecretBytes.copyOf(HexFormat.of().parseHex(args[1]));
    FileChannel log =
        FileChannel.open(
            Path.of(args[2]),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    Transmitter network =
        attempt -> attempt.recipients().stream().map(r -> answer(log, attempt, r)).toList();
    QueueSettings settings =
        new QueueSettings(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofDays(5),
            Duration.ofDays(1),
            4,
            2,
            "crash.test");
    OutboundQueue queue =
        OutboundQueue.open(directory, key, new NoMailboxes(), network, settings, Clock.systemUTC());
    for (int i = 0; ; i++) {
      String id =
          queue.submit(
              TestMessages.message(
                  TestMessages.SENDER,
                  Instant.now(),
                  "crash-" + i,
                  dev.mailvault.core.outbound.DsnReturn.DEFAULT,
                  List.of(
                      OutboundRecipient.of("u" + i + "@fast.test"),
                      OutboundRecipient.of("u" + i + "@slow.test"))));
      System.out.println("accepted " + id);
      System.out.flush();
    }
  }

  private static RecipientResult answer(
      FileChannel log, DeliveryAttempt attempt, OutboundRecipient recipient) {
    if (attempt.domain().equals("slow.test")) {
      return new RecipientResult(
          recipient.address(),
          Outcome.TEMPORARY,
          "4.4.1",
          "smtp; 451 4.4.1 slow",
          Optional.empty());
    }
    String line = attempt.queueId() + " " + recipient.address() + "\n";
    try {
      synchronized (log) {
        // Written before the result is returned: a kill after this line is the RFC 5321 §6.1
        // window, where the peer has the message and the queue has not recorded it.
        log.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RecipientResult(
        recipient.address(), Outcome.DELIVERED, "2.0.0", "smtp; 250 2.0.0 ok", Optional.empty());
  }

  /** No local domain here: every recipient goes to the network transmitter. */
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
