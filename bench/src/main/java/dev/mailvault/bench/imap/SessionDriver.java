package dev.mailvault.bench.imap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One simulated client: a loop of sessions (connect, LOGIN, SELECT INBOX, a number of steps drawn
 * from the mix, LOGOUT) until the measured window closes. Every command is timed; answers other
 * than OK count as errors unless the step expects them, and an error ends the session (a fresh
 * connection follows) so one failure cannot cascade into a count of many.
 */
final class SessionDriver implements Runnable {

  /** Messages per ENVELOPE range. */
  private static final int RANGE = 20;

  private final InetSocketAddress server;
  private final String user;
  private final String password;
  private final WorkloadMix mix;
  private final int stepsPerSession;
  private final long idleMillis;
  private final Supplier<byte[]> letters;
  private final MeasureWindow window;
  private final SplittableRandom random;
  private final LatencyLog log = new LatencyLog();
  private final long[] idleTiming = new long[1];

  SessionDriver(
      InetSocketAddress server,
      String user,
      String password,
      WorkloadMix mix,
      int stepsPerSession,
      long idleMillis,
      Supplier<byte[]> letters,
      MeasureWindow window,
      long seed) {
    this.server = server;
    this.user = user;
    this.password = password;
    this.mix = mix;
    this.stepsPerSession = stepsPerSession;
    this.idleMillis = idleMillis;
    this.letters = letters;
    this.window = window;
    this.random = new SplittableRandom(seed);
  }

  LatencyLog log() {
    return log;
  }

  @Override
  public void run() {
    while (!window.over(System.nanoTime())) {
      try {
        session();
      } catch (IOException e) {
        if (!window.over(System.nanoTime())) {
          log.error(Command.LOGIN, "I/O: " + e.getMessage());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void session() throws IOException, InterruptedException {
    try (ImapWireClient client = ImapWireClient.connect(server, null, 30_000)) {
      if (!expectOk(
          Command.LOGIN, () -> client.command("LOGIN " + quoted(user) + " " + quoted(password)))) {
        return;
      }
      if (!expectOk(Command.SELECT, () -> client.command("SELECT INBOX"))) {
        return;
      }
      for (int i = 0; stepsPerSession == 0 || i < stepsPerSession; i++) {
        if (window.over(System.nanoTime())) {
          break;
        }
        if (!step(client, mix.next(random))) {
          return;
        }
      }
      if (expectOk(Command.LOGOUT, () -> client.command("LOGOUT")) && !client.saidBye()) {
        log.error(Command.LOGOUT, "no BYE before the tagged OK");
      }
    }
  }

  private boolean step(ImapWireClient client, Step step) throws IOException, InterruptedException {
    int exists = client.exists();
    switch (step) {
      case FLAGS:
        return exists == 0
            || expectOk(Command.FETCH_FLAGS, () -> client.command("FETCH 1:* (FLAGS)"));
      case ENVELOPE:
        {
          if (exists == 0) {
            return true;
          }
          int from = 1 + random.nextInt(Math.max(1, exists - RANGE + 1));
          int to = Math.min(exists, from + RANGE - 1);
          return expectOk(
              Command.FETCH_ENVELOPE,
              () -> client.command("FETCH " + from + ":" + to + " (ENVELOPE)"));
        }
      case BODY:
        {
          if (exists == 0) {
            return true;
          }
          int n = 1 + random.nextInt(exists);
          return expectOk(Command.FETCH_BODY, () -> client.command("FETCH " + n + " BODY.PEEK[]"));
        }
      case STORE:
        {
          if (exists == 0) {
            return true;
          }
          int n = 1 + random.nextInt(exists);
          String sign = random.nextBoolean() ? "+" : "-";
          return expectOk(
              Command.STORE, () -> client.command("STORE " + n + " " + sign + "FLAGS (\\Seen)"));
        }
      case APPEND:
        {
          byte[] letter = letters.get();
          return expectOk(Command.APPEND, () -> client.append("INBOX", "\\Seen", letter));
        }
      case EXPUNGE:
        {
          if (exists < 2) {
            return true;
          }
          int n = 1 + random.nextInt(exists);
          return expectOk(
                  Command.STORE_DELETED,
                  () -> client.command("STORE " + n + " +FLAGS.SILENT (\\Deleted)"))
              && expectOk(Command.EXPUNGE, () -> client.command("EXPUNGE"));
        }
      case NOOP:
        return expectOk(Command.NOOP, () -> client.command("NOOP"));
      case IDLE:
        {
          long start = System.nanoTime();
          ImapReply reply = client.idle(idleMillis, idleTiming);
          long end = System.nanoTime();
          return judge(Command.IDLE, reply, start, end, idleTiming[0]);
        }
    }
    throw new IllegalStateException("unknown step " + step);
  }

  private interface Call {
    ImapReply send() throws IOException;
  }

  private boolean expectOk(Command command, Call call) throws IOException {
    long start = System.nanoTime();
    ImapReply reply = call.send();
    long end = System.nanoTime();
    return judge(command, reply, start, end, end - start);
  }

  private boolean judge(Command command, ImapReply reply, long start, long end, long latency) {
    if (!window.counts(start, end)) {
      if (!reply.ok()) {
        // a failure during the warm-up is still a failure: report it, do not time it
        log.error(command, reply.status() + " " + reply.text());
      }
      return reply.ok();
    }
    if (reply.ok()) {
      log.record(command, latency);
      return true;
    }
    log.error(command, reply.status() + " " + reply.text());
    return false;
  }

  /** RFC 9051 §4.3: a quoted string, backslash and quote escaped. */
  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
