package dev.mailvault.bench.bigbox;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures one server holding the 100,000-message mailbox over IMAP on loopback
 * (docs/adr/0227-bigbox-benchmark.md): every step once untimed, then {@code --rounds} times, the
 * median kept, with the hits each search found. Steps whose capability the server does not
 * advertise are recorded as not offered. The mailbox is changed only by the last two steps
 * (QRESYNC's flag changes and expunges), so run the probe once per fresh copy.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.mailvault.bench.bigbox.BigBoxProbe --port 31500 \
 *     --user big0@bench.test --password PW --corpus DIR/corpus.properties --label Mailvault \
 *     --out mailvault.properties [--rounds 5] [--idle-sessions 50] [--memory jvm|pss --pid PID]
 *     [--steps login,search,fetch,sort,qresync,memory]
 * java -cp ... BigBoxProbe --port 31520 --user U --password PW --only-login true
 * </pre>
 */
public final class BigBoxProbe {

  /** The groups of steps, in the order they run; {@code --steps} picks some. */
  private static final String[] STEPS = {"login", "search", "fetch", "sort", "qresync", "memory"};

  private static final Pattern CODE_NUMBER =
      Pattern.compile("\\[(UIDVALIDITY|HIGHESTMODSEQ) (\\d+)\\]");

  private final int port;
  private final String user;
  private final String password;
  private final Properties corpus;
  private final int rounds;
  private final Properties out = new Properties();
  private Set<String> steps = Set.of(STEPS);
  private List<String> capabilities = List.of();

  private BigBoxProbe(int port, String user, String password, Properties corpus, int rounds) {
    this.port = port;
    this.user = user;
    this.password = password;
    this.corpus = corpus;
    this.rounds = rounds;
  }

  public static void main(String[] args) throws Exception {
    int port = 0;
    int rounds = 5;
    int idleSessions = 50;
    String user = null;
    String password = null;
    String label = null;
    String memory = null;
    String steps = String.join(",", STEPS);
    long pid = 0;
    Path corpusFile = null;
    Path outFile = null;
    boolean onlyLogin = false;
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(v);
        case "--user" -> user = v;
        case "--password" -> password = v;
        case "--corpus" -> corpusFile = Path.of(v);
        case "--label" -> label = v;
        case "--out" -> outFile = Path.of(v);
        case "--rounds" -> rounds = Integer.parseInt(v);
        case "--idle-sessions" -> idleSessions = Integer.parseInt(v);
        case "--memory" -> memory = v;
        case "--pid" -> pid = Long.parseLong(v);
        case "--steps" -> steps = v;
        case "--only-login" -> onlyLogin = Boolean.parseBoolean(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (onlyLogin) {
      // Dovecot + mail_crypt makes the user's keys at the first login (bench/bigbox.sh)
      try (ProbeClient c = ProbeClient.connect(port)) {
        check(c.run("LOGIN " + quote(user) + " " + quote(password)), "LOGIN");
        check(c.run("SELECT INBOX"), "SELECT");
        c.run("LOGOUT");
      }
      return;
    }
    BigBoxProbe probe =
        new BigBoxProbe(port, user, password, BigBoxCorpus.load(corpusFile), rounds);
    probe.out.setProperty("label", label);
    probe.steps = Set.of(steps.split(","));
    probe.runAll();
    if (memory != null && probe.steps.contains("memory")) {
      probe.idleMemory(new SessionMemory(memory, pid), idleSessions);
    }
    try (Writer w = Files.newBufferedWriter(outFile)) {
      probe.out.store(w, "bigbox probe: " + label);
    }
  }

  private void runAll() throws IOException {
    if (steps.contains("login")) {
      loginAndSelect();
    }
    try (ProbeClient c = session()) {
      selectInbox(c);
      if (steps.contains("search")) {
        String rare = corpus.getProperty("rare_word");
        search(c, "search_body", "UID SEARCH BODY " + rare);
        search(c, "search_text", "UID SEARCH TEXT " + rare);
        search(c, "search_subject", "UID SEARCH SUBJECT " + corpus.getProperty("subject_token"));
        search(c, "search_from", "UID SEARCH FROM " + corpus.getProperty("from_address"));
        search(c, "search_since", "UID SEARCH SINCE " + corpus.getProperty("since"));
      }
      if (steps.contains("fetch")) {
        fetchFlags(c);
        fetchNewest(c);
      }
      if (steps.contains("sort")) {
        sort(c, "sort_date", "DATE");
        sort(c, "sort_subject", "SUBJECT");
        sort(c, "sort_from", "FROM");
        thread(c);
      }
    }
    if (steps.contains("qresync")) {
      qresync();
    }
  }

  /** LOGIN and SELECT INBOX, each on a fresh connection, timed apart. */
  private void loginAndSelect() throws IOException {
    double[] login = new double[rounds];
    double[] select = new double[rounds];
    for (int r = -1; r < rounds; r++) {
      try (ProbeClient c = ProbeClient.connect(port)) {
        ProbeClient.Reply l = c.run("LOGIN " + quote(user) + " " + quote(password));
        check(l, "LOGIN");
        ProbeClient.Reply s = c.run("SELECT INBOX");
        check(s, "SELECT");
        if (r >= 0) {
          login[r] = l.totalMillis();
          select[r] = s.totalMillis();
        }
        c.run("LOGOUT");
      }
    }
    record("login", median(login), -1);
    record("select", median(select), -1);
  }

  private ProbeClient session() throws IOException {
    ProbeClient c = ProbeClient.connect(port);
    check(c.run("LOGIN " + quote(user) + " " + quote(password)), "LOGIN");
    ProbeClient.Reply caps = c.run("CAPABILITY", r -> r.startsWith("* CAPABILITY"));
    capabilities =
        caps.kept().isEmpty()
            ? List.of()
            : Arrays.asList(caps.kept().get(0).toUpperCase(Locale.ROOT).split(" "));
    return c;
  }

  private void selectInbox(ProbeClient c) throws IOException {
    ProbeClient.Reply s = c.run("SELECT INBOX", r -> r.endsWith(" EXISTS"));
    check(s, "SELECT");
    String exists = s.kept().get(0);
    out.setProperty("exists", exists.substring(2, exists.length() - 7));
  }

  private void search(ProbeClient c, String step, String command) throws IOException {
    double[] ms = new double[rounds];
    int hits = 0;
    for (int r = -1; r < rounds; r++) {
      ProbeClient.Reply reply = c.run(command, s -> s.startsWith("* SEARCH"));
      check(reply, command);
      hits = reply.kept().isEmpty() ? 0 : words(reply.kept().get(0)) - 2;
      if (r >= 0) {
        ms[r] = reply.totalMillis();
      }
    }
    record(step, median(ms), hits);
  }

  /** The first FETCH response's time shows whether the list streams or is built first. */
  private void fetchFlags(ProbeClient c) throws IOException {
    double[] total = new double[rounds];
    double[] first = new double[rounds];
    int lines = 0;
    for (int r = -1; r < rounds; r++) {
      ProbeClient.Reply reply = c.run("UID FETCH 1:* (UID FLAGS)");
      check(reply, "UID FETCH");
      lines = reply.untagged();
      if (r >= 0) {
        total[r] = reply.totalMillis();
        first[r] = reply.firstMillis();
      }
    }
    record("fetch_flags", median(total), lines);
    out.setProperty("fetch_flags.first_ms", fmt(median(first)));
  }

  private void fetchNewest(ProbeClient c) throws IOException {
    int exists = Integer.parseInt(out.getProperty("exists"));
    String command = "FETCH " + Math.max(1, exists - 49) + ":* ENVELOPE";
    double[] ms = new double[rounds];
    int lines = 0;
    for (int r = -1; r < rounds; r++) {
      ProbeClient.Reply reply = c.run(command);
      check(reply, command);
      lines = reply.untagged();
      if (r >= 0) {
        ms[r] = reply.totalMillis();
      }
    }
    record("fetch_envelope", median(ms), lines);
  }

  private void sort(ProbeClient c, String step, String key) throws IOException {
    if (!capabilities.contains("SORT")) {
      out.setProperty(step + ".status", "not offered");
      return;
    }
    String command = "UID SORT (" + key + ") UTF-8 ALL";
    double[] ms = new double[rounds];
    int hits = 0;
    for (int r = -1; r < rounds; r++) {
      ProbeClient.Reply reply = c.run(command, s -> s.startsWith("* SORT"));
      check(reply, command);
      hits = reply.kept().isEmpty() ? 0 : words(reply.kept().get(0)) - 2;
      if (r >= 0) {
        ms[r] = reply.totalMillis();
      }
    }
    record(step, median(ms), hits);
  }

  private void thread(ProbeClient c) throws IOException {
    if (!capabilities.contains("THREAD=REFERENCES")) {
      out.setProperty("thread.status", "not offered");
      return;
    }
    String command = "UID THREAD REFERENCES UTF-8 ALL";
    double[] ms = new double[rounds];
    int threads = 0;
    for (int r = -1; r < rounds; r++) {
      ProbeClient.Reply reply = c.run(command, s -> s.startsWith("* THREAD"));
      check(reply, command);
      threads = reply.kept().isEmpty() ? 0 : topLevelThreads(reply.kept().get(0));
      if (r >= 0) {
        ms[r] = reply.totalMillis();
      }
    }
    record("thread", median(ms), threads);
  }

  /**
   * RFC 7162 §3.2.5: another session flags 100 messages and expunges 100 others, then a client that
   * knew the folder at its HIGHESTMODSEQ re-selects with QRESYNC; what it is sent is counted.
   */
  private void qresync() throws IOException {
    if (!capabilities.contains("QRESYNC")) {
      out.setProperty("qresync.status", "not offered");
      return;
    }
    long[] state = qresyncSelect(null);
    double[] ms = new double[rounds];
    int fetches = 0;
    int vanished = 0;
    try (ProbeClient other = ProbeClient.connect(port)) {
      check(other.run("LOGIN " + quote(user) + " " + quote(password)), "LOGIN");
      check(other.run("SELECT INBOX"), "SELECT");
      for (int r = -1; r < rounds; r++) {
        change(other);
        long[] now = qresyncSelect(state);
        if (r >= 0) {
          ms[r] = now[2] / 1e6;
        }
        fetches = (int) now[3];
        vanished = (int) now[4];
        state = now;
      }
      other.run("LOGOUT");
    }
    record("qresync", median(ms), fetches);
    out.setProperty("qresync.vanished", Integer.toString(vanished));
  }

  /** 100 unflagged messages get \Flagged, 100 others are expunged (UID EXPUNGE, RFC 4315). */
  private void change(ProbeClient other) throws IOException {
    ProbeClient.Reply unflagged =
        other.run("UID SEARCH UNFLAGGED UNDELETED", s -> s.startsWith("* SEARCH"));
    String[] uids = unflagged.kept().get(0).split(" ");
    List<String> flag = new ArrayList<>();
    List<String> expunge = new ArrayList<>();
    // spread over the folder, flag and expunge alternating
    int stride = Math.max(1, (uids.length - 2) / 200);
    for (int i = 2; i < uids.length && expunge.size() < 100; i += stride) {
      if (flag.size() <= expunge.size()) {
        flag.add(uids[i]);
      } else {
        expunge.add(uids[i]);
      }
    }
    if (expunge.isEmpty()) {
      throw new IOException("too few unflagged messages left to change");
    }
    check(other.run("UID STORE " + String.join(",", flag) + " +FLAGS.SILENT (\\Flagged)"), "STORE");
    String gone = String.join(",", expunge);
    check(other.run("UID STORE " + gone + " +FLAGS.SILENT (\\Deleted)"), "STORE");
    check(other.run("UID EXPUNGE " + gone), "UID EXPUNGE");
  }

  /**
   * A new session: ENABLE QRESYNC, SELECT (with the QRESYNC parameter when {@code known} is set).
   * Returns UIDVALIDITY, HIGHESTMODSEQ, nanoseconds of the SELECT, FETCH responses and UIDs named
   * by VANISHED.
   */
  private long[] qresyncSelect(long[] known) throws IOException {
    try (ProbeClient c = ProbeClient.connect(port)) {
      check(c.run("LOGIN " + quote(user) + " " + quote(password)), "LOGIN");
      check(c.run("ENABLE QRESYNC"), "ENABLE");
      String command =
          known == null
              ? "SELECT INBOX"
              : "SELECT INBOX (QRESYNC (" + known[0] + " " + known[1] + "))";
      ProbeClient.Reply reply =
          c.run(
              command,
              s -> s.startsWith("* OK [") || s.startsWith("* VANISHED") || s.contains(" FETCH "));
      check(reply, command);
      long[] result = new long[5];
      result[2] = reply.totalNanos();
      for (String s : reply.kept()) {
        Matcher m = CODE_NUMBER.matcher(s);
        if (m.find()) {
          result[m.group(1).equals("UIDVALIDITY") ? 0 : 1] = Long.parseLong(m.group(2));
        } else if (s.startsWith("* VANISHED")) {
          result[4] += setSize(s.substring(s.lastIndexOf(' ') + 1));
        } else if (s.contains(" FETCH ")) {
          result[3]++;
        }
      }
      c.run("LOGOUT");
      return result;
    }
  }

  /**
   * Heap (or proportional memory) per session holding the folder selected in IDLE: read with {@code
   * sessions} such sessions and again with twice as many, so what the first session on the vault
   * costs once (the open vault, its caches) is not counted per session.
   */
  private void idleMemory(SessionMemory memory, int sessions) throws Exception {
    List<ProbeClient> held = new ArrayList<>();
    try {
      hold(held, sessions);
      long before = memory.bytes();
      hold(held, sessions);
      long after = memory.bytes();
      out.setProperty("idle_memory.kind", memory.kind());
      out.setProperty("idle_memory.sessions", Integer.toString(sessions));
      out.setProperty("idle_memory.bytes_per_session", Long.toString((after - before) / sessions));
    } finally {
      for (ProbeClient c : held) {
        c.close();
      }
    }
  }

  private void hold(List<ProbeClient> held, int sessions) throws IOException {
    for (int i = 0; i < sessions; i++) {
      ProbeClient c = ProbeClient.connect(port);
      held.add(c);
      check(c.run("LOGIN " + quote(user) + " " + quote(password)), "LOGIN");
      check(c.run("SELECT INBOX"), "SELECT");
      c.startIdle();
    }
  }

  private void record(String step, double ms, int hits) {
    out.setProperty(step + ".ms", fmt(ms));
    if (hits >= 0) {
      out.setProperty(step + ".hits", Integer.toString(hits));
    }
    System.err.printf(
        Locale.ROOT,
        "%s: %s %.2f ms%s%n",
        out.getProperty("label"),
        step,
        ms,
        hits >= 0 ? " (" + hits + ")" : "");
  }

  private static void check(ProbeClient.Reply reply, String what) throws IOException {
    if (!reply.ok()) {
      throw new IOException(what + " failed: " + reply.status());
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static int words(String line) {
    return line.trim().split(" +").length;
  }

  /** The number of top-level parenthesised threads in {@code * THREAD (..)(..)}. */
  static int topLevelThreads(String line) {
    int depth = 0;
    int threads = 0;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '(') {
        if (depth == 0) {
          threads++;
        }
        depth++;
      } else if (ch == ')') {
        depth--;
      }
    }
    return threads;
  }

  /** The number of UIDs in a sequence set such as {@code 3:5,9}. */
  static long setSize(String set) {
    long n = 0;
    for (String part : set.split(",")) {
      int colon = part.indexOf(':');
      if (colon < 0) {
        n++;
      } else {
        long a = Long.parseLong(part.substring(0, colon));
        long b = Long.parseLong(part.substring(colon + 1));
        n += Math.abs(b - a) + 1;
      }
    }
    return n;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String fmt(double ms) {
    return String.format(Locale.ROOT, "%.3f", ms);
  }
}
