package dev.mailvault.outbound.queue;

import static dev.mailvault.outbound.queue.OutboundQueueTest.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.outbound.WebhookRecipients;
import dev.mailvault.outbound.RecipientResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's two-phase submission (ADR 0240): a prepared message is durable but not delivered
 * until committed, abandoned without a trace, and deleted at the next start when a crash came
 * first; the webhook domain goes to the webhook transmitter, never elsewhere.
 */
class TwoPhaseSubmitTest {

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
  void aPreparedMessageWaitsForItsCommit() throws Exception {
    OutboundQueue queue = f.open();
    String id = queue.prepare(TestMessages.to(QueueFixture.START, "m1", "bob@remote.test"));
    assertThat(files()).containsExactlyInAnyOrder(id + ".held", id + ".item");
    f.advance(Duration.ofMinutes(1));
    assertThat(queue.size()).isZero();
    assertThat(f.remote.delivered).isEmpty();

    queue.commit(id);
    soon().until(() -> f.remote.delivered.size() == 1);
    assertThat(f.remote.delivered).containsExactly(id + " bob@remote.test");
    soon().until(() -> files().isEmpty());
  }

  @Test
  void anAbandonedMessageLeavesNothing() throws Exception {
    OutboundQueue queue = f.open();
    String id = queue.prepare(TestMessages.to(QueueFixture.START, "m1", "bob@remote.test"));
    queue.abandon(id);
    assertThat(files()).isEmpty();
    assertThatThrownBy(() -> queue.commit(id)).isInstanceOf(MailvaultException.class);
    f.advance(Duration.ofMinutes(1));
    assertThat(f.remote.delivered).isEmpty();
  }

  @Test
  void aHeldMessageACrashLeftIsDeletedAtTheNextStartAndACommittedOneResumes() throws Exception {
    OutboundQueue first = f.open();
    String held = first.prepare(TestMessages.to(QueueFixture.START, "m1", "bob@remote.test"));
    f.remote.answer("carl@remote.test", RecipientResult.Outcome.TEMPORARY);
    String committed = first.prepare(TestMessages.to(QueueFixture.START, "m2", "carl@remote.test"));
    first.commit(committed);
    soon().until(() -> first.show(committed).orElseThrow().attempts() == 1);
    // As after kill -9: the files stay as they are.
    first.close();

    OutboundQueue second = f.open();
    assertThat(files()).noneMatch(name -> name.startsWith(held));
    assertThat(second.show(held)).isEmpty();
    assertThat(second.show(committed)).isPresent();
  }

  @Test
  void webhookRecipientsGoToTheWebhookTransmitterOnly() throws Exception {
    List<String> posted = new ArrayList<>();
    f.queue =
        OutboundQueue.open(
            f.directory,
            dev.mailvault.core.crypto.SecretBytes.copyOf(f.key.bytes()),
            f.mailboxes,
            f.remote,
            attempt -> {
              attempt.recipients().forEach(r -> posted.add(r.address()));
              return attempt.recipients().stream()
                  .map(
                      r ->
                          new RecipientResult(
                              r.address(),
                              RecipientResult.Outcome.DELIVERED,
                              "2.0.0",
                              "x-http; 204",
                              Optional.empty()))
                  .toList();
            },
            f.settings,
            f.clock);
    OutboundMessage message =
        new OutboundMessage(
            TestMessages.SENDER,
            TestMessages.SENDER,
            List.of(
                new OutboundRecipient(
                    WebhookRecipients.address("0a1b2c"),
                    Set.of(),
                    Optional.of("rfc822;alias@home.test")),
                OutboundRecipient.of("bob@remote.test")),
            TestMessages.raw("m1"),
            QueueFixture.START,
            Optional.empty(),
            dev.mailvault.core.outbound.DsnReturn.DEFAULT,
            false,
            false,
            false);
    f.queue.submit(message);
    soon().until(() -> f.queue.size() == 0);
    assertThat(posted).containsExactly("0a1b2c@" + WebhookRecipients.DOMAIN);
    assertThat(f.remote.delivered)
        .extracting(s -> s.substring(s.indexOf(' ') + 1))
        .containsExactly("bob@remote.test");
  }

  private List<String> files() throws Exception {
    try (Stream<Path> listing = Files.list(f.directory)) {
      return listing.map(p -> p.getFileName().toString()).toList();
    }
  }
}
