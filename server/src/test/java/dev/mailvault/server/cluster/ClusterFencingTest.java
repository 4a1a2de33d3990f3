package dev.mailvault.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.server.cluster.ClusterHarness.Owner;
import dev.mailvault.server.cluster.ImapConnection.Completion;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, Must show: a primary paused (SIGSTOP) past its lease and then resumed must not write.
 * An APPEND reaches the owner while it is frozen; the client gets a temporary failure; the other
 * primary takes the vault over at a higher epoch; the frozen one resumes, finds its lease lapsed,
 * and the APPEND it still held never lands, while every message acknowledged before stays, once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterFencingTest {

  private static final Pattern LEASE_LAPSED = Pattern.compile("lease lapsed");
  private static final Pattern REFUSED_WRITE =
      Pattern.compile("(?i)fenced|lease lapsed|lease has lapsed");

  /** How long a first login may find the vault unavailable while the cluster settles. */
  private static final Duration READY = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aPrimaryResumedPastItsLeaseWritesNothing() throws Exception {
    try (ClusterHarness cluster = ClusterHarness.start(dir, 2, 2)) {
      String alias = "fence@fencing.example";
      String password = cluster.addAlias(alias);
      String vault = cluster.vaultIdOf(alias);
      ClusterNode a = cluster.frontends().get(0);
      ClusterNode b = cluster.frontends().get(1);

      List<String> acknowledged = new ArrayList<>();
      try (ImapConnection writer =
          ImapConnection.loginWhenAvailable(a.imapPort(), alias, password, READY)) {
        writer.select("INBOX");
        for (int i = 1; i <= 3; i++) {
          String id = "before-append-" + i;
          Completion append = writer.append("INBOX", MxClient.message(alias, id));
          assertThat(append.ok()).as("%s: %s", id, append.status()).isTrue();
          acknowledged.add(id);
        }
      }
      for (int i = 1; i <= 2; i++) {
        String id = "before-mx-" + i;
        MxClient.Attempt delivered = MxClient.deliver(b.smtpPort(), alias, id, 30_000);
        assertThat(delivered.kind())
            .as("%s: %s", id, delivered.reply())
            .isEqualTo(MxClient.Kind.ACCEPTED);
        acknowledged.add(id);
      }

      Owner owner = awaitOwner(cluster, vault);
      ClusterNode frozen = cluster.primary(owner.primary());
      ClusterNode other =
          cluster.primaries().stream().filter(p -> p != frozen).findFirst().orElseThrow();

      String fencedId = "fenced-append";
      try (ImapConnection session =
          ImapConnection.loginWhenAvailable(a.imapPort(), alias, password, READY)) {
        session.select("INBOX");
        frozen.stop();
        String outcome = appendOutcome(session, MxClient.message(alias, fencedId));
        System.out.println("ClusterFencingTest: APPEND to the frozen owner: " + outcome);
        assertThat(outcome)
            .as("the client of the frozen owner gets a temporary failure")
            .matches("(?i)NO \\[UNAVAILABLE\\].*|\\* BYE \\[UNAVAILABLE\\].*|closed");
      }

      // A new login reaches the vault, finds the lease lapsed and the other primary takes over.
      await("the other primary owns the vault at a higher epoch")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                tryLogin(b.imapPort(), alias, password);
                Optional<Owner> now = cluster.ownerOf(vault);
                return now.isPresent()
                    && now.get().primary().equals(other.name())
                    && now.get().epoch() > owner.epoch();
              });

      frozen.resume();
      cluster.awaitLog(frozen, LEASE_LAPSED, Duration.ofSeconds(60));

      List<String> ids = new ArrayList<>();
      try (ImapConnection check =
          ImapConnection.loginWhenAvailable(b.imapPort(), alias, password, READY)) {
        check.select("INBOX");
        for (String id : check.messageIds()) {
          ids.add(id.replaceFirst("@far\\.example$", ""));
        }
      }
      assertThat(ids).as("the APPEND the frozen primary held").doesNotContain(fencedId);
      assertThat(ids)
          .as("every message acknowledged before, exactly once")
          .containsExactlyInAnyOrderElementsOf(acknowledged);
      assertThat(REFUSED_WRITE.matcher(frozen.logText()).find())
          .as("%s's log tells of the refused write (%s)", frozen.name(), frozen.log())
          .isTrue();
    }
  }

  /**
   * What the client saw: the APPEND's tagged completion, the BYE before the connection closed, or
   * {@code closed}. A hang past the client's timeout fails the test.
   */
  private static String appendOutcome(ImapConnection session, byte[] message) throws IOException {
    try {
      Completion completion = session.append("INBOX", message);
      return completion.status();
    } catch (ImapConnection.ConnectionClosedException e) {
      return session.bye() == null ? "closed" : session.bye();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the APPEND to a frozen primary hung", e);
    }
  }

  /** A login whose result does not matter: it makes a front-end reach for the vault. */
  private static void tryLogin(int port, String alias, String password) {
    try (ImapConnection session = ImapConnection.connect(port, 30_000)) {
      if (session.greeting().toUpperCase(Locale.ROOT).startsWith("* OK")) {
        session.command("LOGIN \"" + alias + "\" \"" + password + "\"");
      }
    } catch (IOException e) {
      // Refused or closed during the takeover: the next poll tries again.
    }
  }

  private static Owner awaitOwner(ClusterHarness cluster, String vault) {
    Owner[] found = new Owner[1];
    await("an owner of the vault")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Optional<Owner> owner = cluster.ownerOf(vault);
              owner.ifPresent(o -> found[0] = o);
              return owner.isPresent();
            });
    return found[0];
  }
}
