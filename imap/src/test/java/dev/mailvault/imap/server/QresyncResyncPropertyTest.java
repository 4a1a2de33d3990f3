package dev.mailvault.imap.server;

import static dev.mailvault.imap.server.MultiSessionTest.append;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The QRESYNC promise (RFC 7162 §3.2.5), as a property: two sessions run a seeded random mix of
 * APPEND, STORE, EXPUNGE, UID EXPUNGE and MOVE on one INBOX; after every step an observer records
 * the state a client could have cached (UIDVALIDITY, HIGHESTMODSEQ, every UID with its flags). At
 * the end a client resyncs from every recorded state, with and without known UIDs: what it knew,
 * minus VANISHED (EARLIER), updated by the FETCHes, must be exactly the mailbox now for those UIDs:
 * no missed expunge, no missed flag change, and no UID named vanished that is still there.
 */
class QresyncResyncPropertyTest {

  private static final Pattern FETCH =
      Pattern.compile("\\* \\d+ FETCH \\(UID (\\d+) FLAGS \\(([^)]*)\\) MODSEQ \\(\\d+\\)\\)");
  private static final List<String> FLAGS =
      List.of("\\Seen", "\\Flagged", "\\Answered", "\\Draft", "$Work", "$Later");

  @TempDir static Path data;
  private static LiveImapServer server;
  private static final AtomicInteger ALIASES = new AtomicInteger();

  /** What a client could have cached after one step. */
  private record Known(long uidValidity, long modseq, Map<Long, Set<String>> flags) {}

  @BeforeAll
  static void startServer() throws Exception {
    server = LiveImapServer.start(data);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void everyEarlierStateResyncsToTheTrueState(long seed) throws Exception {
    String alias = "prop" + ALIASES.incrementAndGet() + "@example.com";
    server.addAlias(alias);
    Random random = new Random(seed);
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient observer = ScriptedImapClient.login(server.port(), alias)) {
      a.ok("CREATE Other");
      for (ScriptedImapClient client : List.of(a, b)) {
        client.ok("ENABLE QRESYNC");
        client.ok("SELECT INBOX");
      }
      observer.ok("ENABLE QRESYNC");
      List<Known> states = new ArrayList<>();
      states.add(observe(observer));
      for (int step = 0; step < 60; step++) {
        ScriptedImapClient session = random.nextBoolean() ? a : b;
        randomStep(session, random, step);
        states.add(observe(observer));
      }
      Known truth = observe(observer);
      long[] told = new long[2];
      try (ScriptedImapClient resyncer = ScriptedImapClient.login(server.port(), alias)) {
        resyncer.ok("ENABLE QRESYNC");
        for (int i = 0; i < states.size(); i++) {
          Known known = states.get(i);
          boolean listUids = i % 2 == 0 && !known.flags().isEmpty();
          checkResync(resyncer, known, truth, listUids, "seed " + seed + ", state " + i, told);
        }
      }
      // The mix must have given the resyncs something to tell, or the property says nothing.
      assertThat(told[0]).as("UIDs told vanished").isPositive();
      assertThat(told[1]).as("changed flags told").isPositive();
    }
  }

  private static void randomStep(ScriptedImapClient session, Random random, int step)
      throws Exception {
    List<String> flags = new ArrayList<>();
    for (String flag : FLAGS) {
      if (random.nextInt(3) == 0) {
        flags.add(flag);
      }
    }
    String flagList = String.join(" ", flags);
    int kind = random.nextInt(10);
    // Every UID up to 200 is named: UIDs that name no message are ignored (RFC 9051 §6.4.9).
    String some = (1 + random.nextInt(12)) + ":" + (1 + random.nextInt(12) + random.nextInt(20));
    int first = 1 + random.nextInt(2 + step);
    String few = first + ":" + (first + random.nextInt(3));
    if (kind < 4) {
      append(session, "INBOX", "Subject: step " + step + "\r\n\r\nbody\r\n");
    } else if (kind < 7) {
      String mode = List.of("+", "-", "").get(random.nextInt(3));
      session.ok("UID STORE " + some + " " + mode + "FLAGS (" + flagList + ")");
    } else if (kind == 7) {
      session.ok("UID STORE " + few + " +FLAGS.SILENT (\\Deleted)");
      session.ok("EXPUNGE");
    } else if (kind == 8) {
      session.ok("UID STORE " + few + " +FLAGS.SILENT (\\Deleted)");
      session.ok("UID EXPUNGE " + (1 + random.nextInt(2 + step)) + ":*");
    } else {
      session.ok("UID MOVE " + few + " Other");
    }
  }

  /** What an up-to-date client would cache now, read by a fresh EXAMINE. */
  private static Known observe(ScriptedImapClient observer) throws Exception {
    List<String> select = observer.ok("EXAMINE INBOX");
    long uidValidity = code(select, "UIDVALIDITY");
    long modseq = code(select, "HIGHESTMODSEQ");
    Map<Long, Set<String>> flags = new TreeMap<>();
    for (String line : observer.ok("UID FETCH 1:* (FLAGS MODSEQ)")) {
      Matcher m = FETCH.matcher(line);
      if (m.matches()) {
        flags.put(Long.parseLong(m.group(1)), flagSet(m.group(2)));
      }
    }
    return new Known(uidValidity, modseq, flags);
  }

  private static void checkResync(
      ScriptedImapClient resyncer,
      Known known,
      Known truth,
      boolean listUids,
      String what,
      long[] told)
      throws Exception {
    String knownUids = listUids ? " " + uidSet(known.flags().keySet()) : "";
    List<String> answer =
        resyncer.ok(
            "EXAMINE INBOX (QRESYNC ("
                + known.uidValidity()
                + " "
                + known.modseq()
                + knownUids
                + "))");
    Map<Long, Set<String>> view = new TreeMap<>(known.flags());
    Set<Long> vanished = new TreeSet<>();
    for (String line : answer) {
      if (line.startsWith("* VANISHED (EARLIER) ")) {
        vanished.addAll(parseUidSet(line.substring("* VANISHED (EARLIER) ".length())));
      }
      Matcher m = FETCH.matcher(line);
      if (m.matches() && view.containsKey(Long.parseLong(m.group(1)))) {
        view.put(Long.parseLong(m.group(1)), flagSet(m.group(2)));
      }
    }
    assertThat(vanished.stream().filter(truth.flags()::containsKey).toList())
        .as("%s: VANISHED names only gone UIDs", what)
        .isEmpty();
    told[0] += vanished.size();
    told[1] += answer.stream().filter(line -> FETCH.matcher(line).matches()).count();
    view.keySet().removeAll(vanished);
    Map<Long, Set<String>> expected = new TreeMap<>(truth.flags());
    expected.keySet().retainAll(known.flags().keySet());
    assertThat(view).as("%s: known %s resynced with %s", what, known, answer).isEqualTo(expected);
  }

  private static long code(List<String> lines, String name) {
    for (String line : lines) {
      int at = line.indexOf("[" + name + " ");
      if (at >= 0) {
        return Long.parseLong(line.substring(at + name.length() + 2, line.indexOf(']', at)));
      }
    }
    throw new AssertionError("no " + name + " in " + lines);
  }

  private static Set<String> flagSet(String list) {
    Set<String> flags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String flag : list.trim().split(" ")) {
      if (!flag.isEmpty() && !flag.equalsIgnoreCase("\\Recent")) {
        flags.add(flag);
      }
    }
    return flags;
  }

  private static String uidSet(Set<Long> uids) {
    List<String> parts = new ArrayList<>();
    for (long uid : uids) {
      parts.add(Long.toString(uid));
    }
    return String.join(",", parts);
  }

  private static Set<Long> parseUidSet(String set) {
    Set<Long> uids = new HashSet<>();
    for (String part : set.trim().split(",")) {
      long[] bounds = Arrays.stream(part.split(":")).mapToLong(Long::parseLong).toArray();
      for (long uid = bounds[0]; uid <= bounds[bounds.length - 1]; uid++) {
        uids.add(uid);
      }
    }
    return uids;
  }
}
