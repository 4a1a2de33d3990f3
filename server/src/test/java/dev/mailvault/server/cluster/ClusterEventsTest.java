package dev.mailvault.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.cluster.ImapConnection.Completion;
import dev.mailvault.server.cluster.ImapConnection.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, Must show: change events cross machines. Two primaries share the storage directory, two
 * front-ends route to them; a session on front-end A hears what happens through front-end B: a
 * delivery to B's MX (IDLE's EXISTS) and a STORE made on B (a QRESYNC client's untagged FETCH with
 * UID, MODSEQ and the flag).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterEventsTest {

  /** How long a first login may find the vault unavailable while the cluster settles. */
  private static final Duration READY = Duration.ofSeconds(30);

  @TempDir static Path dir;

  private static ClusterHarness cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterHarness.start(dir, 2, 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void idleOnFrontendAHearsMailDeliveredThroughTheMxOfFrontendB() throws Exception {
    String alias = "idle@events.example";
    String password = cluster.addAlias(alias);
    ClusterNode a = cluster.frontends().get(0);
    ClusterNode b = cluster.frontends().get(1);

    try (ImapConnection session =
        ImapConnection.loginWhenAvailable(a.imapPort(), alias, password, READY)) {
      int before = session.select("INBOX");
      session.idle();
      CompletableFuture<long[]> heard =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  while (true) {
                    Response response = session.read();
                    Matcher m = Pattern.compile("^\\* (\\d+) EXISTS").matcher(response.text());
                    if (m.find()) {
                      return new long[] {Integer.parseInt(m.group(1)), System.nanoTime()};
                    }
                  }
                } catch (Exception e) {
                  throw new IllegalStateException("IDLE on " + a.name() + ": " + e, e);
                }
              });

      MxClient.Attempt delivered =
          MxClient.deliver(b.smtpPort(), alias, "idle-1-" + System.nanoTime(), 30_000);
      assertThat(delivered.kind()).as(delivered.reply()).isEqualTo(MxClient.Kind.ACCEPTED);

      long[] exists = heard.get(30, TimeUnit.SECONDS);
      assertThat(exists[0]).as("EXISTS after the delivery through B").isEqualTo(before + 1);
      // The issue asks for "within a second"; a loaded machine decides the number, so it is
      // printed for BENCHMARKS.md rather than asserted.
      System.out.printf(
          "ClusterEventsTest: B's 250 -> A's EXISTS %.1f ms%n",
          (exists[1] - delivered.finishedNanos()) / 1e6);
      session.done();
    }
  }

  @Test
  void qresyncClientOnFrontendASeesAStoreMadeOnFrontendB() throws Exception {
    String alias = "qresync@events.example";
    String password = cluster.addAlias(alias);
    ClusterNode a = cluster.frontends().get(0);
    ClusterNode b = cluster.frontends().get(1);
    String id = "qresync-1-" + System.nanoTime();

    // The message to flag, appended through B.
    long uid;
    try (ImapConnection writer =
        ImapConnection.loginWhenAvailable(b.imapPort(), alias, password, READY)) {
      Completion appended = writer.append("INBOX", MxClient.message(alias, id));
      assertThat(appended.ok()).as(appended.status()).isTrue();
      Matcher appendUid = Pattern.compile("\\[APPENDUID \\d+ (\\d+)\\]").matcher(appended.status());
      assertThat(appendUid.find()).as("APPENDUID in %s", appended.status()).isTrue();
      uid = Long.parseLong(appendUid.group(1));
    }

    try (ImapConnection resync =
        ImapConnection.loginWhenAvailable(a.imapPort(), alias, password, READY)) {
      resync.expectOk("ENABLE QRESYNC");
      Completion first = resync.expectOk("SELECT INBOX");
      long uidValidity = number(first, "UIDVALIDITY");
      long highestModseq = number(first, "HIGHESTMODSEQ");
      resync.expectOk("CLOSE");
      // RFC 7162 §3.2.5: a client that knows the folder's state resynchronizes from it.
      Completion reselected =
          resync.expectOk("SELECT INBOX (QRESYNC (" + uidValidity + " " + highestModseq + "))");
      assertThat(number(reselected, "HIGHESTMODSEQ")).isEqualTo(highestModseq);
      resync.idle();

      try (ImapConnection writer =
          ImapConnection.loginWhenAvailable(b.imapPort(), alias, password, READY)) {
        writer.select("INBOX");
        writer.expectOk("UID STORE " + uid + " +FLAGS (\\Flagged)");
      }

      Pattern change =
          Pattern.compile(
              "^\\* \\d+ FETCH \\((?=.*UID "
                  + uid
                  + "\\b)(?=.*MODSEQ \\((\\d+)\\))"
                  + "(?=.*FLAGS \\([^)]*\\\\Flagged)");
      CompletableFuture<Long> modseq =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  while (true) {
                    Matcher m = change.matcher(resync.read().text());
                    if (m.find()) {
                      return Long.parseLong(m.group(1));
                    }
                  }
                } catch (Exception e) {
                  throw new IllegalStateException("IDLE on " + a.name() + ": " + e, e);
                }
              });
      assertThat(modseq.get(30, TimeUnit.SECONDS))
          .as("MODSEQ of the change, after HIGHESTMODSEQ %d", highestModseq)
          .isGreaterThan(highestModseq);
      resync.done();
    }
  }

  /** The number after {@code [NAME } in a SELECT's untagged OKs. */
  private static long number(Completion select, String name) {
    Pattern p = Pattern.compile("\\[" + name + " (\\d+)\\]");
    for (Response response : select.untagged()) {
      Matcher m = p.matcher(response.text());
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    throw new AssertionError("no " + name + " in SELECT: " + select.untagged());
  }
}
