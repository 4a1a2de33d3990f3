package dev.mailvault.bench.pop3;

import dev.mailvault.bench.imap.ImapTestMbox;
import dev.mailvault.bench.imap.LoadOptions;
import dev.mailvault.bench.imap.MeasureWindow;
import dev.mailvault.bench.imap.ProcessCpu;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The POP3 load driver (BENCHMARKS.md, "POP3"; ADR 0199). Runs against any POP3 server whose users'
 * maildrops hold the first {@code --messages} messages of {@link ImapTestMbox} (as {@code
 * bench/pop3-load.sh} seeds them over IMAP):
 *
 * <pre>
 * Pop3Load --port P --users N --clients C --warmup S --duration S [--messages 100]
 *          [--verify yes|no] [--user-pattern P] [--password PW] [--server-pid PID] [--label L]
 *          [--out FILE]
 * </pre>
 *
 * Client {@code i} polls the maildrop of user {@code i} ({@link Pop3Session}); there are at least
 * as many users as clients, because RFC 1939 §8 lets a server lock a maildrop to one session. With
 * {@code --server-pid}, the CPU time of that process and its descendants over the measured window
 * is reported, and the figures per server CPU-second.
 */
public final class Pop3Load {

  private static final List<String> OPTIONS =
      List.of(
          "host",
          "port",
          "users",
          "user-pattern",
          "password",
          "clients",
          "warmup",
          "duration",
          "messages",
          "verify",
          "server-pid",
          "label",
          "out");

  private Pop3Load() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args, OPTIONS);
    int clients = options.integer("clients", 10);
    int users = options.integer("users", clients);
    if (users < clients) {
      throw new IllegalArgumentException(
          "--users " + users + " < --clients " + clients + ": one maildrop per client");
    }
    int messages = options.integer("messages", 100);
    boolean verify = !options.text("verify", "yes").equals("no");
    List<byte[]> expected = ImapTestMbox.messages(messages);
    long warmupNanos = TimeUnit.SECONDS.toNanos(options.integer("warmup", 10));
    long durationNanos = TimeUnit.SECONDS.toNanos(options.integer("duration", 30));
    ProcessCpu server =
        options.has("server-pid")
            ? new ProcessCpu(Long.parseLong(options.text("server-pid", "")))
            : null;
    ProcessCpu self = new ProcessCpu(ProcessHandle.current().pid());

    long start = System.nanoTime() + warmupNanos;
    MeasureWindow window = new MeasureWindow(start, start + durationNanos);
    List<Pop3Session> sessions = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Pop3Session s =
          new Pop3Session(
              options.server(), options.user(i), options.password(), expected, verify, window);
      sessions.add(s);
      Thread t = new Thread(s, "pop3-load-" + i);
      threads.add(t);
    }
    String loadBefore = loadAverage();
    threads.forEach(Thread::start);
    sleepUntil(window.start());
    double serverBefore = server == null ? Double.NaN : server.seconds();
    double selfBefore = self.seconds();
    sleepUntil(window.end());
    double serverCpu = server == null ? Double.NaN : server.seconds() - serverBefore;
    double selfCpu = self.seconds() - selfBefore;
    window.stop();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(120));
    }
    Pop3Tally all = new Pop3Tally();
    sessions.forEach(s -> all.merge(s.tally()));

    double seconds = window.seconds();
    double megabytes = all.octets() / 1e6;
    Properties r = new Properties();
    r.setProperty("label", options.text("label", options.server().toString()));
    r.setProperty("clients", Integer.toString(clients));
    r.setProperty("users", Integer.toString(users));
    r.setProperty("messages", Integer.toString(messages));
    r.setProperty("verify", Boolean.toString(verify));
    r.setProperty("seconds", fmt(seconds));
    r.setProperty("sessions", Long.toString(all.sessions()));
    r.setProperty("sessionsPerSecond", fmt(all.sessions() / seconds));
    r.setProperty("retrs", Long.toString(all.retrs()));
    r.setProperty("retrsPerSecond", fmt(all.retrs() / seconds));
    r.setProperty("octets", Long.toString(all.octets()));
    r.setProperty("megabytesPerSecond", fmt(megabytes / seconds));
    r.setProperty("errors", Long.toString(all.errors()));
    r.setProperty("firstError", String.valueOf(all.firstError()));
    if (server != null) {
      r.setProperty("serverCpuSeconds", fmt(serverCpu));
      r.setProperty("sessionsPerCpuSecond", serverCpu > 0 ? fmt(all.sessions() / serverCpu) : "");
      r.setProperty("megabytesPerCpuSecond", serverCpu > 0 ? fmt(megabytes / serverCpu) : "");
    }
    r.setProperty("clientCpuSeconds", fmt(selfCpu));
    r.setProperty("loginP50", fmt(all.loginMillis(0.50)));
    r.setProperty("loginP99", fmt(all.loginMillis(0.99)));
    r.setProperty("sessionP50", fmt(all.sessionMillis(0.50)));
    r.setProperty("sessionP99", fmt(all.sessionMillis(0.99)));
    r.setProperty("loadBefore", loadBefore);
    r.setProperty("loadAfter", loadAverage());

    print(r);
    if (options.has("out")) {
      try (Writer w =
          Files.newBufferedWriter(Path.of(options.text("out", "")), StandardCharsets.UTF_8)) {
        r.store(w, "Pop3Load run");
      }
    }
  }

  private static void print(Properties r) {
    System.out.printf(
        Locale.ROOT,
        "%s: %s sessions in %s s = %s/s, %s RETR/s, %s MB/s; server CPU %s s = %s sessions and %s"
            + " MB per CPU-second; load tool CPU %s s; login p50 %s ms, session p50 %s p99 %s ms;"
            + " errors %s%n",
        r.getProperty("label"),
        r.getProperty("sessions"),
        r.getProperty("seconds"),
        r.getProperty("sessionsPerSecond"),
        r.getProperty("retrsPerSecond"),
        r.getProperty("megabytesPerSecond"),
        r.getProperty("serverCpuSeconds", "?"),
        r.getProperty("sessionsPerCpuSecond", "?"),
        r.getProperty("megabytesPerCpuSecond", "?"),
        r.getProperty("clientCpuSeconds"),
        r.getProperty("loginP50"),
        r.getProperty("sessionP50"),
        r.getProperty("sessionP99"),
        r.getProperty("errors"));
    if (!"0".equals(r.getProperty("errors"))) {
      System.out.println("  first error: " + r.getProperty("firstError"));
    }
    if (!"0".equals(r.getProperty("errors")) || "0".equals(r.getProperty("sessions"))) {
      // ADR 0199: a run with errors, or without one whole session, is not a result
      System.out.println("  NOT A RESULT: errors, or no session ended inside the window");
    }
  }

  static String fmt(double d) {
    return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.3f", d);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
