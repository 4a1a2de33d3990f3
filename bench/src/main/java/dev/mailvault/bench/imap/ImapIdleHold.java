package dev.mailvault.bench.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The memory half of the IMAP load benchmark: how much heap an authenticated connection sitting in
 * IDLE costs the server.
 *
 * <pre>
 * ImapIdleHold --port P --server-pid PID [--connections 5000] [--users 10] [--sources 4]
 *              [--threads 8]
 * </pre>
 *
 * Warms the server (every user logs in, a few hundred connections IDLE and leave), measures the
 * live heap after a full GC, opens the connections (LOGIN, SELECT INBOX, IDLE, each waiting for the
 * continuation; spread over 127.0.0.1 .. 127.0.0.{sources} as source addresses), measures again
 * with all of them held, and prints the difference per connection. Users are shared: each alias's
 * vault is open once whatever the number of its sessions, as for a real user with several devices.
 */
public final class ImapIdleHold {

  private ImapIdleHold() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options =
        LoadOptions.parse(
            args,
            List.of(
                "host",
                "port",
                "users",
                "user-pattern",
                "password",
                "connections",
                "sources",
                "threads",
                "server-pid"));
    int connections = options.integer("connections", 5000);
    int users = options.integer("users", 10);
    int sources = options.integer("sources", 4);
    ServerMemory memory = new ServerMemory(Long.parseLong(options.text("server-pid", "0")));
    ExecutorService pool = Executors.newFixedThreadPool(options.integer("threads", 8));
    try {
      List<ImapWireClient> warm = open(options, pool, Math.min(connections, 200), users, sources);
      closeAll(warm);
      long heapBefore = memory.liveHeapBytes();
      long rssBefore = memory.residentBytes();
      long threadsBefore = memory.threads();

      long start = System.nanoTime();
      List<ImapWireClient> held = open(options, pool, connections, users, sources);
      double openSeconds = (System.nanoTime() - start) / 1e9;
      TimeUnit.SECONDS.sleep(2);
      long heapAfter = memory.liveHeapBytes();
      long rssAfter = memory.residentBytes();
      long threadsAfter = memory.threads();
      int alive = stillIdle(held);

      System.out.printf(
          Locale.ROOT,
          "%d connections in IDLE (%d users, %d source addresses), opened in %.1f s%n"
              + "live heap before %.1f MiB, after %.1f MiB: %.1f KiB per connection%n"
              + "resident set before %.1f MiB, after %.1f MiB: %.1f KiB per connection%n"
              + "server threads before %d, after %d%n"
              + "still connected at the end: %d%n",
          held.size(),
          users,
          sources,
          openSeconds,
          mib(heapBefore),
          mib(heapAfter),
          (heapAfter - heapBefore) / 1024.0 / held.size(),
          mib(rssBefore),
          mib(rssAfter),
          (rssAfter - rssBefore) / 1024.0 / held.size(),
          threadsBefore,
          threadsAfter,
          alive);
      closeAll(held);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<ImapWireClient> open(
      LoadOptions options, ExecutorService pool, int count, int users, int sources)
      throws Exception {
    InetSocketAddress server = options.server();
    List<Future<ImapWireClient>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      pending.add(
          pool.submit(
              () -> {
                InetAddress local = InetAddress.getByName("127.0.0." + (1 + n % sources));
                ImapWireClient client = ImapWireClient.connect(server, local, 120_000);
                String user = options.user(n % users);
                expect(
                    client.command(
                        "LOGIN "
                            + SessionDriver.quoted(user)
                            + " "
                            + SessionDriver.quoted(options.password())),
                    "LOGIN");
                expect(client.command("SELECT INBOX"), "SELECT");
                if (!client.startIdle()) {
                  throw new IOException("IDLE refused");
                }
                return client;
              }));
    }
    List<ImapWireClient> open = Collections.synchronizedList(new ArrayList<>());
    for (Future<ImapWireClient> f : pending) {
      open.add(f.get());
    }
    return open;
  }

  /** Connections the server has not closed: a read would block rather than see end of stream. */
  private static int stillIdle(List<ImapWireClient> clients) {
    int alive = 0;
    for (ImapWireClient c : clients) {
      if (c.isOpenWithoutPendingClose()) {
        alive++;
      }
    }
    return alive;
  }

  private static void expect(ImapReply reply, String what) throws IOException {
    if (!reply.ok()) {
      throw new IOException(what + ": " + reply.status() + " " + reply.text());
    }
  }

  private static void closeAll(List<ImapWireClient> clients) {
    for (ImapWireClient c : clients) {
      try {
        c.close();
      } catch (IOException e) {
        // closing a socket the server already closed: nothing to do
      }
    }
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }
}
