package dev.mailvault.bench.imap;

import java.io.IOException;
import java.net.InetSocketAddress;
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
