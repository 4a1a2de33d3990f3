package dev.mailvault.bench.pop3;

import dev.mailvault.bench.imap.MeasureWindow;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One simulated POP3 client: a loop of sessions until the measured window closes. A session is what
 * a mail client polling a maildrop does (ADR 0199): connect, read the greeting, USER and PASS in
 * plaintext (loopback), STAT, RETR of every message in order, QUIT without DELE (so the maildrop is
 * the same for the next session), and wait for the server to close. One command at a time, no
 * pipelining. Any {@code -ERR}, a maildrop that is not the seeded one (count, STAT size, or a RETR
 * whose bytes differ from the seeded message) or an I/O error ends the session and counts as an
 * error; the next session starts on a new connection.
 */
final class Pop3Session implements Runnable {

  /** After a failed session: a server that refuses at once must not turn the run into a spin. */
  private static final long PAUSE_AFTER_ERROR_MILLIS = 100;

  private final InetSocketAddress server;
  private final String user;
  private final String password;
  private final List<byte[]> expected;
  private final boolean verify;
  private final MeasureWindow window;
  private final Pop3Tally tally = new Pop3Tally();
  private final Pop3Reader.Received received = new Pop3Reader.Received();

  /**
   * {@code expected}: the maildrop as seeded, message 1 first; with {@code verify} each RETR is
   * compared with it byte for byte, else only the count and sizes are checked.
   */
  Pop3Session(
      InetSocketAddress server,
      String user,
      String password,
      List<byte[]> expected,
      boolean verify,
      MeasureWindow window) {
    this.server = server;
    this.user = user;
    this.password = password;
    this.expected = expected;
    this.verify = verify;
    this.window = window;
  }

  Pop3Tally tally() {
    return tally;
  }

  @Override
  public void run() {
    while (!window.over(System.nanoTime())) {
      try {
        session();
      } catch (Pop3Failure | IOException e) {
        tally.error(user + ": " + e.getMessage());
        try {
          TimeUnit.MILLISECONDS.sleep(PAUSE_AFTER_ERROR_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void session() throws IOException, Pop3Failure {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(server, 30_000);
      Pop3Reader in = new Pop3Reader(socket.getInputStream(), 64 * 1024);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 512);
      ok("greeting", in.statusLine());
      ok("USER", command(in, out, "USER " + user));
      // the password is sent, never logged: a failure names the command only
      ok("PASS", command(in, out, "PASS " + password));
      long loggedIn = System.nanoTime();
      stat(command(in, out, "STAT"));
      for (int n = 1; n <= expected.size(); n++) {
        ok("RETR " + n, command(in, out, "RETR " + n));
        int octets = in.body(received);
        byte[] message = expected.get(n - 1);
        if (octets != message.length || (verify && !received.sameAs(message))) {
          throw new Pop3Failure(
              "RETR "
                  + n
                  + " returned "
                  + octets
                  + " octets that differ from the seeded message ("
                  + message.length
                  + " octets)");
        }
        if (completedInside(System.nanoTime())) {
          tally.retr(octets);
        }
      }
      ok("QUIT", command(in, out, "QUIT"));
      in.awaitClose();
      long end = System.nanoTime();
      if (completedInside(end)) {
        tally.session(loggedIn - start, end - start);
      }
    }
  }

  /**
   * Counted by when it ended, not whether it also began inside: completions per second is the
   * steady-state rate even when a session lasts seconds, where counting only sessions that fit
   * inside the window would miss up to one per client at each edge (ADR 0199).
   */
  private boolean completedInside(long end) {
    return end >= window.start() && end <= window.end();
  }

  /** RFC 1939 §5: "+OK nn mm", the number of messages and the maildrop's size in octets. */
  private void stat(String line) throws Pop3Failure {
    ok("STAT", line);
    String[] fields = line.split(" ");
    long size = 0;
    for (byte[] message : expected) {
      size += message.length;
    }
    String want = expected.size() + " " + size;
    if (fields.length < 3 || !(fields[1] + " " + fields[2]).equals(want)) {
      throw new Pop3Failure("STAT answered '" + line + "', the seeded maildrop is " + want);
    }
  }

  private static String command(Pop3Reader in, OutputStream out, String command)
      throws IOException {
    out.write(command.getBytes(StandardCharsets.UTF_8));
    out.write('\r');
    out.write('\n');
    out.flush();
    return in.statusLine();
  }

  /** RFC 1939 §3: "+OK" or "-ERR", the rest of the line free text (RFC 2449 codes included). */
  private static void ok(String what, String line) throws Pop3Failure {
    if (!line.startsWith("+OK")) {
      throw new Pop3Failure(what + " answered: " + abbreviate(line));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** A wrong answer from the server, as opposed to an I/O failure. */
  static final class Pop3Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Pop3Failure(String message) {
      super(message);
    }
  }
}
