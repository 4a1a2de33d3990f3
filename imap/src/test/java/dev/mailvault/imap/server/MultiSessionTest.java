package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.store.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two or more real connections on one alias's INBOX (RFC 9051 §5.2, §7.5.1): what one session
 * changes reaches the others as EXISTS, FETCH and EXPUNGE at the moments the RFC allows, and at
 * once during IDLE (RFC 2177).
 */
class MultiSessionTest {

  /** How long a change may take to reach another session; the store's events are asynchronous. */
  private static final Duration EVENTUALLY = Duration.ofSeconds(10);

  @TempDir static Path data;
  private static LiveImapServer server;
  private static final AtomicInteger ALIASES = new AtomicInteger();
  private String alias;

  @BeforeAll
  static void startServer() throws Exception {
    server = LiveImapServer.start(data);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void newAlias() throws Exception {
    alias = "multi" + ALIASES.incrementAndGet() + "@example.com";
    server.addAlias(alias);
  }

  @Test
  void newMailFlagChangesAndExpungesReachTheOtherSessionAtItsNextCommand() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias)) {
      append(a, "INBOX", "Subject: one");
      a.ok("SELECT INBOX");
      assertThat(b.ok("SELECT INBOX")).contains("* 1 EXISTS", "* 0 RECENT");

      // A selected first: both messages are recent to A (RFC 3501 §2.3.2).
      assertThat(append(a, "INBOX", "Subject: two")).contains("* 2 EXISTS", "* 2 RECENT");
      // RFC 3501 §2.3.2: the message is recent to A, the first session to see it, not to B.
      assertThat(noopUntil(b, seen -> seen.contains("* 2 EXISTS")))
          .containsExactly("* 2 EXISTS", "* 0 RECENT");

      assertThat(a.ok("STORE 1 +FLAGS (\\Flagged)"))
          .containsExactly("* 1 FETCH (FLAGS (\\Recent \\Flagged))");
      assertThat(noopUntil(b, seen -> !seen.isEmpty()))
          .containsExactly("* 1 FETCH (UID 1 FLAGS (\\Flagged))");

      a.ok("STORE 1 +FLAGS.SILENT (\\Deleted)");
      assertThat(a.ok("EXPUNGE")).contains("* 1 EXPUNGE");
      assertThat(noopUntil(b, seen -> seen.contains("* 1 EXPUNGE"))).endsWith("* 1 EXPUNGE");
      // What is left is UID 2 at sequence number 1 in both views.
      assertThat(b.ok("UID STORE 1:* +FLAGS ($Left)"))
          .containsExactly(
              "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Left)",
              "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Left \\*)]"
                  + " Flags permitted",
              "* 1 FETCH (UID 2 FLAGS ($Left))");
      // RFC 9051 §7.3.5: the other session hears of the new keyword before a FETCH shows it.
      assertThat(noopUntil(a, seen -> !seen.isEmpty()))
          .containsExactly(
              "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Left)",
              "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Left \\*)]"
                  + " Flags permitted",
              "* 1 FETCH (UID 2 FLAGS (\\Recent $Left))");
    }
  }

  @Test
  void sequenceNumbersHoldUntilTheExpungeMayBeAnnounced() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias)) {
      for (int i = 1; i <= 4; i++) {
        append(a, "INBOX", "Subject: m" + i);
      }
      a.ok("SELECT INBOX");
      b.ok("SELECT INBOX");
      a.ok("STORE 2 +FLAGS.SILENT (\\Deleted)");
      assertThat(a.ok("EXPUNGE")).containsExactly("* 2 EXPUNGE");
      // A marks UID 4 afterwards: once B hears of that, it has heard of the expunge too.
      a.ok("UID STORE 4 +FLAGS.SILENT ($Marker)");

      // RFC 9051 §7.5.1: no EXPUNGE while B runs STORE by sequence number, so B's numbers
      // still mean what B was told: 4 is UID 4, 2 is the expunged UID 2.
      List<String> duringStores = new ArrayList<>();
      AtomicInteger round = new AtomicInteger();
      await()
          .atMost(EVENTUALLY)
          .until(
              () -> {
                duringStores.addAll(b.ok("STORE 1 +FLAGS (k" + round.incrementAndGet() + ")"));
                return duringStores.stream().anyMatch(line -> line.contains("$Marker"));
              });
      assertThat(duringStores).noneMatch(line -> line.contains("EXPUNGE"));
      assertThat(duringStores).contains("* 4 FETCH (UID 4 FLAGS ($Marker))");
      assertThat(b.ok("STORE 2 +FLAGS (\\Seen)")).isEmpty();
      assertThat(b.ok("STORE 4 +FLAGS (\\Seen)"))
          .containsExactly("* 4 FETCH (FLAGS (\\Seen $Marker))");

      // UID STORE may announce it (RFC 9051 §7.5.1); afterwards UID 4 is number 3.
      assertThat(b.ok("UID STORE 3 +FLAGS (\\Answered)"))
          .containsExactly("* 3 FETCH (UID 3 FLAGS (\\Answered))", "* 2 EXPUNGE");
      assertThat(b.ok("STORE 3 -FLAGS (\\Seen)")).containsExactly("* 3 FETCH (FLAGS ($Marker))");
      assertThat(b.run("STORE 4 +FLAGS (\\Seen)")).last().asString().contains("BAD");
    }
  }

  @Test
  void ownFlagChangesAreAnnouncedOnceAndExpungesInAValidOrder() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias)) {
      for (int i = 1; i <= 5; i++) {
        append(a, "INBOX", "Subject: m" + i);
      }
      a.ok("SELECT INBOX");
      b.ok("SELECT INBOX");
      assertThat(a.ok("STORE 1 +FLAGS (\\Seen)"))
          .containsExactly("* 1 FETCH (FLAGS (\\Recent \\Seen))");
      a.ok("STORE 2,4 +FLAGS.SILENT (\\Deleted)");
      a.ok("EXPUNGE");
      // B's change comes after A's: once A hears of it, A has received its own events too.
      // UID STORE may carry the EXPUNGEs already (RFC 9051 §7.5.1).
      List<String> bHeard = new ArrayList<>(b.ok("UID STORE 5 +FLAGS.SILENT ($Later)"));
      List<String> heard = noopUntil(a, seen -> String.join("", seen).contains("$Later"));
      assertThat(withoutFlagLists(heard)).noneMatch(line -> line.contains("\\Seen"));
      assertThat(heard).noneMatch(line -> line.contains("EXPUNGE"));

      List<String> expunges = noopUntil(b, bHeard, seen -> expungeCount(seen) == 2);
      assertThat(expunges.stream().filter(isExpunge()).toList())
          .isIn(List.of("* 4 EXPUNGE", "* 2 EXPUNGE"), List.of("* 2 EXPUNGE", "* 3 EXPUNGE"));
      assertThat(withoutFlagLists(b.ok("UID STORE 1:* +FLAGS ($Check)")))
          .containsExactly(
              "* 1 FETCH (UID 1 FLAGS (\\Seen $Check))",
              "* 2 FETCH (UID 3 FLAGS ($Check))",
              "* 3 FETCH (UID 5 FLAGS ($Check $Later))");
    }
  }

  @Test
  void aChangeAnsweredOkInOneSessionIsInTheOthersVeryNextCommand() throws Exception {
    CountDownLatch bAnswered = new CountDownLatch(1);
    try (Vault held = server.openVault(alias)) {
      // Registered before the sessions log in, so each event reaches this listener first: it holds
      // the delivery of A's expunge until B has answered its NOOP. A server that sends A's tagged
      // OK before the other sessions have the event answers B without it; one that keeps the rule
      // cannot answer A before delivery, so the hold ends at its bound and B hears the expunge.
      held.addListener(
          event -> {
            if (event instanceof VaultEvent.MessagesExpunged) {
              awaitQuietly(bAnswered, Duration.ofMillis(500));
            }
          });
      try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
          ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias)) {
        append(a, "INBOX", "Subject: one");
        append(a, "INBOX", "Subject: two");
        a.ok("SELECT INBOX");
        b.ok("SELECT INBOX");
        a.ok("STORE 1 +FLAGS.SILENT (\\Deleted)");
        assertThat(a.ok("EXPUNGE")).containsExactly("* 1 EXPUNGE");

        List<String> heard = b.ok("NOOP");
        bAnswered.countDown();
        assertThat(heard).contains("* 1 EXPUNGE");
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch, Duration bound) {
    try {
      latch.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anIdlingClientHearsOfAnAppendByAnotherSessionAtOnce() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias)) {
      append(a, "INBOX", "Subject: first");
      b.ok("SELECT INBOX");
      b.idle();

      append(a, "INBOX", "Subject: second");
      // The issue asks for EXISTS within a second; the bound here is generous so a loaded build
      // machine does not fail it, while a server that waits for the client's next command does.
      List<String> heard = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                heard.addAll(b.available());
                return heard.contains("* 2 EXISTS");
              });

      a.ok("SELECT INBOX");
      a.ok("STORE 1 +FLAGS (\\Flagged)");
      // B selected first, so UID 1 is recent to B.
      awaitLine(b, heard, "* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged))");
      a.ok("STORE 1 +FLAGS.SILENT (\\Deleted)");
      a.ok("EXPUNGE");
      awaitLine(b, heard, "* 1 EXPUNGE");
      assertThat(b.done()).isEmpty();
      assertThat(heard)
          .containsSubsequence(
              "* 2 EXISTS", "* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged))", "* 1 EXPUNGE");
      assertThat(withoutFlagLists(b.ok("UID STORE 1:* +FLAGS ($Still)")))
          .containsExactly("* 1 FETCH (UID 2 FLAGS (\\Recent $Still))");
    }
  }

  private static void awaitLine(ScriptedImapClient client, List<String> heard, String line) {
    await()
        .atMost(EVENTUALLY)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              heard.addAll(client.available());
              return heard.contains(line);
            });
  }

  /** The responses but FLAGS and PERMANENTFLAGS, which announce keywords. */
  private static List<String> withoutFlagLists(List<String> lines) {
    return lines.stream()
        .filter(line -> !line.startsWith("* FLAGS ") && !line.startsWith("* OK [PERMANENTFLAGS "))
        .toList();
  }

  private static long expungeCount(List<String> lines) {
    return lines.stream().filter(isExpunge()).count();
  }

  private static Predicate<String> isExpunge() {
    return line -> line.endsWith(" EXPUNGE");
  }

  /** Runs NOOP until what the client heard satisfies {@code done}; returns all it heard. */
  static List<String> noopUntil(ScriptedImapClient client, Predicate<List<String>> done) {
    return noopUntil(client, new ArrayList<>(), done);
  }

  /** The same, counting what the client heard already. */
  static List<String> noopUntil(
      ScriptedImapClient client, List<String> heardBefore, Predicate<List<String>> done) {
    List<String> seen = new ArrayList<>(heardBefore);
    if (done.test(seen)) {
      return seen;
    }
    await()
        .atMost(EVENTUALLY)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              seen.addAll(client.ok("NOOP"));
              return done.test(seen);
            });
    return seen;
  }

  /** APPEND with a LITERAL+ literal; returns the untagged responses. */
  static List<String> append(ScriptedImapClient client, String folder, String message)
      throws Exception {
    int size = message.getBytes(StandardCharsets.UTF_8).length;
    return client.ok("APPEND " + folder + " {" + size + "+}\r\n" + message);
  }
}
