package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.store.Vault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImapTest-style stress (issue 3): several sessions on one INBOX run seeded random APPEND, STORE,
 * UID STORE, COPY, UID MOVE, EXPUNGE, UID EXPUNGE and NOOP at the same time; every response is
 * checked against the client's model of its view as it arrives ({@link FolderViewModel}). At each
 * checkpoint the writers stop, every session catches up, and its view (EXISTS, the UID of every
 * sequence number, the flags it heard) must equal what the vault holds.
 *
 * <p>Catching up is exact, not timed: a marker session changes the flags of UID 1 after everyone
 * stopped; the store delivers events in commit order, so a session that heard of the marker has
 * been offered every earlier change, and one more NOOP announces them all.
 */
class SessionStressTest {

  private static final String ALIAS = "stress@example.com";
  private static final int SESSIONS = 4;
  private static final int ROUNDS = 3;
  private static final int OPERATIONS = 25;
  private static final List<String> FLAGS = List.of("\\Seen", "\\Flagged", "\\Deleted", "$A", "$b");

  @Test
  void sessionsSeeTheStoresTruthAtEveryCheckpoint(@TempDir Path data) throws Exception {
    long seed = Long.getLong("mailvault.stress.seed", 20_240_611L);
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      ExecutorService threads = Executors.newFixedThreadPool(SESSIONS);
      List<Worker> workers = new ArrayList<>();
      try (ScriptedImapClient marker = ScriptedImapClient.login(server.port(), ALIAS);
          Vault truth = server.openVault(ALIAS)) {
        MultiSessionTest.append(marker, "INBOX", "Subject: marker");
        marker.ok("SELECT INBOX");
        for (int i = 0; i < SESSIONS; i++) {
          workers.add(new Worker(server.port(), i, new Random(seed + i)));
        }
        for (int round = 1; round <= ROUNDS; round++) {
          List<Future<Void>> running = new ArrayList<>();
          for (Worker worker : workers) {
            running.add(threads.submit(worker::runOperations));
          }
          for (Future<Void> done : running) {
            done.get();
          }
          String checkpoint = "cp" + round;
          marker.ok("UID STORE 1 FLAGS (" + checkpoint + ")");
          for (Worker worker : workers) {
            worker.catchUp(checkpoint);
          }
          String context = "seed " + seed + ", round " + round;
          for (Worker worker : workers) {
            worker.checkHeardFlags(truth, context);
          }
          for (Worker worker : workers) {
            worker.checkAgainst(truth, context);
          }
        }
      } finally {
        for (Worker worker : workers) {
          worker.client.close();
        }
        threads.shutdownNow();
      }
    }
  }

  /** One session, its random choices and its model of the folder. */
  private static final class Worker {
    private final ScriptedImapClient client;
    private final FolderViewModel view;
    private final Random random;
    private final int index;
    private int checkpoints;

    Worker(int port, int index, Random random) throws Exception {
      this.index = index;
      this.random = random;
      this.view = new FolderViewModel("session " + index);
      this.client = ScriptedImapClient.login(port, ALIAS);
      view.applyAll(client.ok("SELECT INBOX"));
    }

    Void runOperations() throws Exception {
      for (int i = 0; i < OPERATIONS; i++) {
        operation(random.nextInt(100));
      }
      return null;
    }

    private void operation(int dice) throws Exception {
      int exists = view.exists();
      if (dice < 22 || exists < 2) {
        String message = "Subject: " + index + "-" + random.nextInt(1_000_000);
        command("APPEND INBOX " + flagList() + " {" + message.length() + "+}\r\n" + message);
      } else if (dice < 45) {
        int first = 2 + random.nextInt(exists - 1);
        int last = first + random.nextInt(exists - first + 1);
        boolean silent = random.nextBoolean();
        String range = first == last ? Integer.toString(first) : first + ":" + last;
        command(
            "STORE " + range + " " + mode() + (silent ? "FLAGS.SILENT " : "FLAGS ") + flagList());
        if (silent) {
          List<Long> changed = new ArrayList<>();
          for (int seq = first; seq <= Math.min(last, view.exists()); seq++) {
            changed.add(view.uidAt(seq));
          }
          view.forgetFlags(changed);
        }
      } else if (dice < 60) {
        command("UID STORE " + uidRange() + " " + mode() + "FLAGS " + flagList());
      } else if (dice < 67) {
        int first = 2 + random.nextInt(exists - 1);
        command("COPY " + first + ":" + Math.min(exists, first + 2) + " INBOX");
      } else if (dice < 72) {
        command("UID MOVE " + uidRange() + " Archive");
      } else if (dice < 80) {
        command("EXPUNGE");
      } else if (dice < 86) {
        command("UID EXPUNGE " + uidRange());
      } else {
        command("NOOP");
      }
    }

    /** A range of UIDs that never includes the marker, UID 1, and may name UIDs unknown here. */
    private String uidRange() {
      long top = Math.max(2, view.largestKnownUid() + 3);
      long first = 2 + (long) random.nextInt((int) (top - 1));
      return random.nextInt(4) == 0 ? first + ":*" : first + ":" + (first + random.nextInt(4));
    }

    private String mode() {
      return List.of("", "+", "-").get(random.nextInt(3));
    }

    private String flagList() {
      List<String> chosen = new ArrayList<>();
      for (String flag : FLAGS) {
        if (random.nextInt(3) == 0) {
          chosen.add(flag);
        }
      }
      return "(" + String.join(" ", chosen) + ")";
    }

    private void command(String command) throws Exception {
      view.applyAll(client.ok(command));
    }

    /** NOOP until the marker's change is heard, then once more (see the class comment). */
    void catchUp(String checkpoint) {
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                command("NOOP");
                return view.flags().getOrDefault(1L, Set.of()).contains(checkpoint);
              });
      try {
        command("NOOP");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    /**
     * Before anyone writes again: the flags the client last heard for a message must be its flags
     * now, its own silent changes aside (the client knows what it asked for, not the result).
     */
    void checkHeardFlags(Vault truth, String context) throws Exception {
      Map<Long, Set<String>> heard = view.flags();
      for (MessageMeta message : truth.messages("INBOX", UidSet.all())) {
        if (heard.containsKey(message.uid())) {
          assertThat(heard.get(message.uid()))
              .as("%s, session %d: flags last heard for UID %d", context, index, message.uid())
              .isEqualTo(flagNames(message));
        }
      }
    }

    /**
     * One UID STORE of a fresh keyword on every message names each sequence number's UID and its
     * flags; nobody else writes meanwhile, so they must equal the vault's.
     */
    void checkAgainst(Vault truth, String context) throws Exception {
      String keyword = "s" + index + "c" + ++checkpoints;
      command("UID STORE 1:* +FLAGS (" + keyword + ")");
      long[] stored = truth.uids("INBOX");
      List<Long> expected = new ArrayList<>();
      for (long uid : stored) {
        expected.add(uid);
      }
      assertThat(view.uids())
          .as("%s, session %d: UIDs by sequence number", context, index)
          .isEqualTo(expected);
      Map<Long, Set<String>> heard = view.flags();
      for (MessageMeta message : truth.messages("INBOX", UidSet.all())) {
        assertThat(heard.get(message.uid()))
            .as("%s, session %d: flags of UID %d", context, index, message.uid())
            .isEqualTo(flagNames(message));
      }
    }

    private static Set<String> flagNames(MessageMeta message) {
      Set<String> names = new TreeSet<>();
      for (SystemFlag flag : message.flags().system()) {
        names.add(flag.imapName().toLowerCase(Locale.ROOT));
      }
      for (String keyword : message.flags().keywords()) {
        names.add(keyword.toLowerCase(Locale.ROOT));
      }
      return names;
    }
  }
}
