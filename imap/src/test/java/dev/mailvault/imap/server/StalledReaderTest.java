package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.imap.session.ImapLimits;
import dev.mailvault.store.Vault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that asks for a long answer and reads none of it is dropped once nothing has left for it
 * during the reader stall (ADR 0235), instead of holding a worker thread and its connection while
 * the server waits and writes on: its address's connection slot is free again, and other clients
 * are served throughout.
 */
class StalledReaderTest {

  private static final String USER = "hello@example.com";
  private static final String LOGIN = "LOGIN " + USER + " \"" + LiveImapServer.PASSWORD + "\"";

  /**
   * 24 MiB of answer: far more than the socket buffers of both ends and Netty's high-water mark.
   */
  private static final int MESSAGES = 24;

  private static final int MESSAGE_BYTES = 1 << 20;

  /**
   * Two connections per address, so that a third gets in only once the stalled one is closed; a
   * short stall keeps the test quick, and nothing depends on it but how soon the drop comes.
   */
  private static final ImapLimits LIMITS =
      new ImapLimits(
          64 * 1024,
          50L * 1024 * 1024,
          Duration.ofMinutes(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(29),
          2,
          false,
          Duration.ofMillis(200));

  @TempDir Path data;

  @Test
  void aClientThatReadsNoneOfALongFetchIsDroppedWhileOthersAreServed() throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data, LIMITS)) {
      server.addAlias(USER);
      try (Vault vault = server.openVault(USER)) {
        for (int i = 1; i <= MESSAGES; i++) {
          vault.append("INBOX", NewMessage.of(bigMessage(i)));
        }
      }

      Socket stalled = new Socket();
      // A small receive window, fixed before connecting: the server's writes back up at once.
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
      stalled.setSoTimeout(30_000);
      InputStream in = stalled.getInputStream();
      OutputStream out = stalled.getOutputStream();
      assertThat(readLine(in)).startsWith("* OK");
      out.write(("a1 " + LOGIN + "\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(untilTagged(in, "a1")).startsWith("a1 OK");
      out.write("a2 SELECT INBOX\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(untilTagged(in, "a2")).startsWith("a2 OK");
      // From here on this client reads nothing.
      out.write("a3 UID FETCH 1:* BODY.PEEK[]\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      try (ScriptedImapClient other = ScriptedImapClient.login(server.port(), USER)) {
        other.ok("SELECT INBOX");
        assertThat(other.ok("UID FETCH 1:* (FLAGS)")).hasSize(MESSAGES);

        // The address holds two connections; a third is let in only once the stalled one is gone.
        AtomicReference<Socket> third = new AtomicReference<>();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> admitted(server.port(), third));
        try (Socket next = third.get()) {
          InputStream nextIn = next.getInputStream();
          OutputStream nextOut = next.getOutputStream();
          nextOut.write(
              ("b1 " + LOGIN + "\r\nb2 SELECT INBOX\r\n").getBytes(StandardCharsets.US_ASCII));
          assertThat(untilTagged(nextIn, "b1")).startsWith("b1 OK");
          assertThat(untilTagged(nextIn, "b2")).startsWith("b2 OK");
        }
      }

      // What the stalled client can still read is what the kernel held, then the end: the FETCH
      // was never completed.
      String rest = drain(in);
      stalled.close();
      assertThat(rest).doesNotContain("\r\na3 ");
    }
  }

  /** Connects once; keeps the connection when it is greeted rather than refused. */
  private static boolean admitted(int port, AtomicReference<Socket> into) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    if (readLine(socket.getInputStream()).startsWith("* OK")) {
      into.set(socket);
      return true;
    }
    socket.close();
    return false;
  }

  private static byte[] bigMessage(int n) {
    StringBuilder text =
        new StringBuilder(
            "From: Alice Example <alice@example.org>\r\n"
                + "To: hello@example.com\r\n"
                + "Subject: Large "
                + n
                + "\r\n"
                + "Message-ID: <large-"
                + n
                + "@example.org>\r\n"
                + "\r\n");
    String line = "0123456789".repeat(7) + "\r\n";
    while (text.length() < MESSAGE_BYTES) {
      text.append(line);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String untilTagged(InputStream in, String tag) throws IOException {
    while (true) {
      String line = readLine(in);
      if (line.startsWith(tag + " ") || line.equals("<closed>")) {
        return line;
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
      }
      line.write(b);
    }
    return "<closed>";
  }

  /**
   * Everything left on the connection until the server's close; a connection that stays open fails
   * with the socket's read timeout.
   */
  private static String drain(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        all.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      // A reset is a close too: the server dropped what it had not sent.
    }
    return all.toString(StandardCharsets.US_ASCII);
  }
}
