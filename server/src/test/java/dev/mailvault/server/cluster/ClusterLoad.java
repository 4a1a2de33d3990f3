package dev.mailvault.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.cluster.ImapConnection.Completion;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The failover test's clients: per front-end one MX sender and one IMAP session appending, each
 * message with a Message-ID of its own (a retry after a failure is a new message with a new id).
 * Every answer is judged as a mail client would: a success, a temporary failure to retry ({@code
 * 4xx}, {@code NO [UNAVAILABLE]}, {@code BYE [UNAVAILABLE]}, a closed connection) or an error that
 * the cluster must never give (a 5xx, a BAD, a NO with another code, no answer at all), which is
 * recorded as a violation.
 */
final class ClusterLoad implements AutoCloseable {

  /** The kind of client a success came from. */
  enum Client {
    SMTP,
    IMAP
  }

  /** One acknowledged message: when its attempt started and when the acknowledgement came. */
  record Success(Client client, String id, long startedNanos, long finishedNanos) {}

  /** Longer than the RPC timeout and a takeover together: silence this long is a hang. */
  private static final int CLIENT_TIMEOUT_MILLIS = 20_000;

  /** A client's pause before it tries again after a temporary failure. */
  private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final String alias;
  private final String password;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final Set<String> attempted = ConcurrentHashMap.newKeySet();
  private final Queue<Success> successes = new ConcurrentLinkedQueue<>();
  private final Queue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicInteger temporaryFailures = new AtomicInteger();
  private final long origin = System.nanoTime();

  ClusterLoad(String alias, String password) {
    this.alias = alias;
    this.password = password;
  }

  /** Starts one MX sender and one appending IMAP session on {@code frontend}. */
  void start(ClusterNode frontend) {
    start(frontend.name(), frontend.smtpPort(), frontend.imapPort());
  }

  /** Starts one MX sender on {@code smtpPort} and one appending session on {@code imapPort}. */
  void start(String name, int smtpPort, int imapPort) {
    Thread smtp = new Thread(() -> sendLoop(smtpPort, "mx-" + name), "mx-" + name);
    Thread imap = new Thread(() -> appendLoop(imapPort, "append-" + name), "append-" + name);
    threads.add(smtp);
    threads.add(imap);
    smtp.start();
    imap.start();
  }

  private void sendLoop(int port, String prefix) {
    for (int n = 0; !stop.get(); n++) {
      String id = prefix + "-" + n;
      attempted.add(id);
      long started = System.nanoTime();
      MxClient.Attempt attempt = MxClient.deliver(port, alias, id, CLIENT_TIMEOUT_MILLIS);
      switch (attempt.kind()) {
        case ACCEPTED ->
            successes.add(new Success(Client.SMTP, id, started, attempt.finishedNanos()));
        case TEMPORARY -> temporary();
        case PERMANENT, HANG -> violation(prefix + " " + id + ": " + attempt.reply());
      }
    }
  }

  private void appendLoop(int port, String prefix) {
    ImapConnection session = null;
    int n = 0;
    while (!stop.get()) {
      try {
        if (session == null) {
          session = open(port, prefix);
          if (session == null) {
            continue;
          }
        }
        String id = prefix + "-" + (n++);
        attempted.add(id);
        long started = System.nanoTime();
        Completion append = session.append("INBOX", MxClient.message(alias, id));
        if (append.ok()) {
          successes.add(new Success(Client.IMAP, id, started, System.nanoTime()));
        } else {
          judge(prefix + " APPEND " + id, append);
          session = closeQuietly(session);
        }
      } catch (ImapConnection.ConnectionClosedException e) {
        closed(prefix, session);
        session = closeQuietly(session);
      } catch (SocketTimeoutException e) {
        violation(prefix + ": no answer in " + CLIENT_TIMEOUT_MILLIS + " ms");
        session = closeQuietly(session);
      } catch (IOException e) {
        // A reset is a closed connection to the client.
        temporary();
        session = closeQuietly(session);
      }
    }
    closeQuietly(session);
  }

  /** Connects, logs in and selects INBOX; null after a temporary failure (already counted). */
  private ImapConnection open(int port, String prefix) throws IOException {
    ImapConnection session = ImapConnection.connect(port, CLIENT_TIMEOUT_MILLIS);
    String greeting = session.greeting().toUpperCase(Locale.ROOT);
    if (!greeting.startsWith("* OK")) {
      if (greeting.startsWith("* BYE [UNAVAILABLE]")) {
        temporary();
      } else {
        violation(prefix + " greeting: " + session.greeting());
      }
      return closeQuietly(session);
    }
    for (String command : List.of("LOGIN \"" + alias + "\" \"" + password + "\"", "SELECT INBOX")) {
      try {
        Completion completion = session.command(command);
        if (!completion.ok()) {
          judge(prefix + " " + command.split(" ")[0], completion);
          return closeQuietly(session);
        }
      } catch (ImapConnection.ConnectionClosedException e) {
        closed(prefix + " " + command.split(" ")[0], session);
        return closeQuietly(session);
      }
    }
    return session;
  }

  /** The server closed the connection: temporary, unless its BYE said something else. */
  private void closed(String what, ImapConnection session) {
    String bye = session == null ? null : session.bye();
    if (bye != null && !bye.toUpperCase(Locale.ROOT).startsWith("* BYE [UNAVAILABLE]")) {
      violation(what + ": " + bye);
    } else {
      temporary();
    }
  }

  private void judge(String what, Completion failed) {
    if (failed.unavailable()) {
      temporary();
    } else {
      violation(what + ": " + failed.status());
    }
  }

  private void temporary() {
    temporaryFailures.incrementAndGet();
    // A client waits a little before it tries again, as a real one would.
    LockSupport.parkNanos(RETRY_PAUSE_NANOS);
  }

  private void violation(String what) {
    violations.add(what);
    LockSupport.parkNanos(RETRY_PAUSE_NANOS);
  }

  private static ImapConnection closeQuietly(ImapConnection session) {
    if (session != null) {
      try {
        session.close();
      } catch (IOException e) {
        // Closing a dead connection; nothing to learn.
      }
    }
    return null;
  }

  /**
   * Checks, through a session on {@code imapPort}, that INBOX holds every acknowledged message
   * exactly once and nothing no client sent (issue 18: no acknowledged message lost or doubled).
   */
  void assertEveryAcknowledgedOnceIn(int imapPort, Duration ready) throws IOException {
    Map<String, Integer> copies = new HashMap<>();
    try (ImapConnection check =
        ImapConnection.loginWhenAvailable(imapPort, alias, password, ready)) {
      check.select("INBOX");
      for (String id : check.messageIds()) {
        copies.merge(id.replaceFirst("@far\\.example$", ""), 1, Integer::sum);
      }
    }
    assertThat(acknowledged()).as("the load got acknowledgements").isNotEmpty();
    assertThat(copies.entrySet())
        .as("no message twice")
        .allSatisfy(entry -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(1));
    // Named one by one, with when each was acknowledged: the whole INBOX would drown them.
    assertThat(missing(copies.keySet())).as("acknowledged messages missing from INBOX").isEmpty();
    assertThat(attempted()).as("nothing in INBOX that no client sent").containsAll(copies.keySet());
  }

  /** The acknowledged messages not in {@code found}, each with its client and timing. */
  private List<String> missing(Set<String> found) {
    List<String> missing = new ArrayList<>();
    for (Success success : successes) {
      if (!found.contains(success.id())) {
        missing.add(
            String.format(
                Locale.ROOT,
                "%s (%s, started at +%d ms, acknowledged at +%d ms)",
                success.id(),
                success.client(),
                millisSinceStart(success.startedNanos()),
                millisSinceStart(success.finishedNanos())));
      }
    }
    return missing;
  }

  /** Milliseconds from this load's creation to {@code nanos}, to line events up in a report. */
  long millisSinceStart(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos - origin);
  }

  /** How many messages were acknowledged so far. */
  int acknowledgedCount() {
    return successes.size();
  }

  /** The first acknowledgement of {@code client} to an attempt started after {@code nanos}. */
  OptionalLong firstSuccessStartedAfter(Client client, long nanos) {
    return successes.stream()
        .filter(s -> s.client() == client && s.startedNanos() > nanos)
        .mapToLong(Success::finishedNanos)
        .min();
  }

  Set<String> acknowledged() {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    successes.forEach(s -> ids.add(s.id()));
    return ids;
  }

  Set<String> attempted() {
    return Set.copyOf(attempted);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  int temporaryFailures() {
    return temporaryFailures.get();
  }

  /** Stops every client after its current attempt and waits for it. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
      if (thread.isAlive()) {
        violations.add(thread.getName() + " did not stop");
      }
    }
  }
}
