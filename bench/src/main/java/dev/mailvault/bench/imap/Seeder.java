package dev.mailvault.bench.imap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Fills a user's INBOX over IMAP up to a number of messages, so both servers start from the same
 * mail delivered the same way. Idempotent: it appends only what is missing.
 */
final class Seeder {

  private final InetSocketAddress server;
  private final String password;

  Seeder(InetSocketAddress server, String password) {
    this.server = server;
    this.password = password;
  }

  /**
   * Fills the INBOX of users {@code first} to {@code first + count - 1} on {@code threads} threads,
   * each from its own {@code mailFor.apply(user)}, and prints one summary line.
   */
  void fillAll(
      LoadOptions options,
      int first,
      int count,
      int messages,
      IntFunction<Supplier<byte[]>> mailFor,
      int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger appended = new AtomicInteger();
    List<Future<?>> jobs = new ArrayList<>();
    for (int u = first; u < first + count; u++) {
      int user = u;
      jobs.add(
          pool.submit(
              () -> appended.addAndGet(fill(options.user(user), messages, mailFor.apply(user)))));
    }
    try {
      for (Future<?> job : jobs) {
        job.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        Locale.ROOT,
        "seeded %d users to %d messages (%d appended)%n",
        count,
        messages,
        appended.get());
  }

  /**
   * Appends messages from {@code letters} until the INBOX holds {@code messages}; returns how many
   * were appended.
   */
  int fill(String user, int messages, Supplier<byte[]> letters) throws IOException {
    try (ImapWireClient client = ImapWireClient.connect(server, null, 60_000)) {
      check(
          client.command(
              "LOGIN " + SessionDriver.quoted(user) + " " + SessionDriver.quoted(password)),
          "LOGIN " + user);
      check(client.command("SELECT INBOX"), "SELECT");
      int missing = messages - client.exists();
      for (int i = 0; i < missing; i++) {
        // a third unread, as in a real mailbox
        check(client.append("INBOX", i % 3 == 0 ? "" : "\\Seen", letters.get()), "APPEND");
      }
      client.command("LOGOUT");
      return Math.max(0, missing);
    }
  }

  private static void check(ImapReply reply, String what) throws IOException {
    if (!reply.ok()) {
      throw new IOException(what + " failed: " + reply.status() + " " + reply.text());
    }
  }
}
