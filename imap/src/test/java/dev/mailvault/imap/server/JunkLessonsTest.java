package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.spam.SpamLearning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0255: what a real IMAP session teaches the spam filter when the user moves or copies mail
 * into or out of Junk. The lessons are taken by a learner that records them; the node test (server
 * module) sends them to a real rspamd.
 */
class JunkLessonsTest {

  private static final String MESSAGE =
      "From: sender@example.org\r\nSubject: cheap offer\r\n\r\nBuy now.\r\n";

  /** A learner that keeps what it is told and accepts only as many lessons as it has room for. */
  static final class RecordingLearner implements SpamLearning {
    record Taught(Lesson lesson, String user, String message) {}

    final BlockingQueue<Taught> taught = new LinkedBlockingQueue<>();
    final AtomicInteger room = new AtomicInteger(Integer.MAX_VALUE);

    @Override
    public boolean learn(Lesson lesson, String user, byte[] message) {
      taught.add(new Taught(lesson, user, new String(message, StandardCharsets.UTF_8)));
      return room.decrementAndGet() >= 0;
    }
  }

  @TempDir static Path data;
  private static final RecordingLearner LEARNER = new RecordingLearner();
  private static final AtomicInteger ALIASES = new AtomicInteger();
  private static LiveImapServer server;
  private String alias;
  private String vaultId;

  @BeforeAll
  static void startServer() throws Exception {
    server = LiveImapServer.withSpamLearning(data, LEARNER);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void newAlias() throws Exception {
    alias = "junk" + ALIASES.incrementAndGet() + "@example.com";
    server.addAlias(alias);
    vaultId = server.directory().findAlias(EmailAddress.parse(alias)).orElseThrow().vaultId();
    LEARNER.taught.clear();
    LEARNER.room.set(Integer.MAX_VALUE);
  }

  @Test
  void movingIntoJunkTeachesSpamAndOutOfJunkTeachesHamForTheVault() throws Exception {
    try (ScriptedImapClient client = ScriptedImapClient.login(server.port(), alias)) {
      MultiSessionTest.append(client, "INBOX", MESSAGE);
      client.ok("SELECT INBOX");
      client.ok("MOVE 1 Junk");
      RecordingLearner.Taught spam = next();
      assertThat(spam.lesson()).isEqualTo(SpamLearning.Lesson.SPAM);
      assertThat(spam.user()).isEqualTo(vaultId);
      assertThat(spam.message()).isEqualTo(MESSAGE);

      client.ok("SELECT Junk");
      client.ok("UID MOVE 1:* INBOX");
      RecordingLearner.Taught ham = next();
      assertThat(ham.lesson()).isEqualTo(SpamLearning.Lesson.HAM);
      assertThat(ham.message()).isEqualTo(MESSAGE);
    }
  }

  @Test
  void copyingIntoJunkTeachesSpamToo() throws Exception {
    try (ScriptedImapClient client = ScriptedImapClient.login(server.port(), alias)) {
      MultiSessionTest.append(client, "INBOX", MESSAGE);
      client.ok("SELECT INBOX");
      client.ok("COPY 1 Junk");
      assertThat(next().lesson()).isEqualTo(SpamLearning.Lesson.SPAM);
    }
  }

  @Test
  void deletingSpamToTrashAndFilingElsewhereTeachNothing() throws Exception {
    try (ScriptedImapClient client = ScriptedImapClient.login(server.port(), alias)) {
      MultiSessionTest.append(client, "Junk", MESSAGE);
      MultiSessionTest.append(client, "INBOX", MESSAGE);
      client.ok("SELECT Junk");
      client.ok("MOVE 1 Trash");
      client.ok("SELECT INBOX");
      client.ok("COPY 1 Archive");
      client.ok("MOVE 1 Trash");
      // The session runs one command at a time: once NOOP is answered, the moves' lessons, had
      // there been any, were handed over.
      client.ok("NOOP");
      assertThat(LEARNER.taught).isEmpty();
    }
  }

  @Test
  void aFolderNamedJunkWithoutTheAttributeCountsAsJunk() throws Exception {
    try (ScriptedImapClient client = ScriptedImapClient.login(server.port(), alias)) {
      client.ok("DELETE Junk");
      client.ok("CREATE Junk");
      MultiSessionTest.append(client, "INBOX", MESSAGE);
      client.ok("SELECT INBOX");
      client.ok("MOVE 1 Junk");
      assertThat(next().lesson()).isEqualTo(SpamLearning.Lesson.SPAM);
    }
  }

  @Test
  void aFullLearnerEndsTheCommandsLessons() throws Exception {
    try (ScriptedImapClient client = ScriptedImapClient.login(server.port(), alias)) {
      for (int i = 0; i < 3; i++) {
        MultiSessionTest.append(client, "INBOX", MESSAGE);
      }
      LEARNER.room.set(1);
      client.ok("SELECT INBOX");
      client.ok("MOVE 1:3 Junk");
      client.ok("NOOP");
      // One accepted, one refused, and the third never read.
      assertThat(LEARNER.taught).hasSize(2);
    }
  }

  private static RecordingLearner.Taught next() throws InterruptedException {
    RecordingLearner.Taught taught = LEARNER.taught.poll(30, TimeUnit.SECONDS);
    assertThat(taught).as("a lesson was handed to the learner").isNotNull();
    return taught;
  }
}
