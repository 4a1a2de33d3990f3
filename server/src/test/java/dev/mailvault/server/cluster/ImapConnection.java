package dev.mailvault.server.cluster;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw IMAP client on a plain loopback socket (loopback may log in without TLS) that reports what
 * the server answered instead of judging it, so that the cluster tests can tell a temporary failure
 * ({@code NO [UNAVAILABLE]}, {@code BYE [UNAVAILABLE]}, a closed connection) from an error.
 */
final class ImapConnection implements AutoCloseable {

  /** One response line; every {@code {n}} literal in it is cut out into {@link #literals}. */
  record Response(String text, List<byte[]> literals) {}

  /**
   * The responses up to a tagged completion, and that completion without its tag ({@code OK ...},
   * {@code NO [CODE] ...}, {@code BAD ...}).
   */
  record Completion(List<Response> untagged, String status) {

    boolean ok() {
      return status.startsWith("OK");
    }

    /** {@code NO [UNAVAILABLE]}: RFC 5530's "try again later". */
    boolean unavailable() {
      return status.toUpperCase(Locale.ROOT).startsWith("NO [UNAVAILABLE]");
    }
  }

  private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d+)\\}$");
  private static final int MAX_LINE = 1 << 20;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String greeting;
  private String bye;
  private int tags;

  private ImapConnection(Socket socket, int timeoutMillis) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(timeoutMillis);
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.greeting = read().text();
  }

  /** Connects to a front-end's IMAP port and reads the greeting. */
  static ImapConnection connect(int port, int timeoutMillis) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    try {
      return new ImapConnection(socket, timeoutMillis);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Connects and logs in; fails unless the greeting and LOGIN are OK. */
  static ImapConnection login(int port, String user, String password) throws IOException {
    ImapConnection imap = connect(port, 30_000);
    try {
      if (!imap.greeting().startsWith("* OK")) {
        throw new IOException("unexpected greeting: " + imap.greeting());
      }
      imap.expectOk("LOGIN \"" + user + "\" \"" + password + "\"");
      return imap;
    } catch (IOException e) {
      imap.close();
      throw e;
    }
  }

  /**
   * {@link #login} that tries again while the front-end answers {@code NO [UNAVAILABLE]} (as when
   * it has only just connected to the primaries), for up to {@code atMost}; a mail client retries
   * the same way.
   */
  static ImapConnection loginWhenAvailable(int port, String user, String password, Duration atMost)
      throws IOException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      ImapConnection imap = connect(port, 30_000);
      try {
        Completion login = imap.command("LOGIN \"" + user + "\" \"" + password + "\"");
        if (login.ok()) {
          return imap;
        }
        if (!login.unavailable() || System.nanoTime() > deadline) {
          throw new IOException("LOGIN failed: " + login.status());
        }
      } catch (IOException e) {
        imap.close();
        throw e;
      }
      imap.close();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  String greeting() {
    return greeting;
  }

  /** The last untagged BYE the server sent, or null. */
  String bye() {
    return bye;
  }

  /** Sends one command and reads every response up to its tagged completion. */
  Completion command(String command) throws IOException {
    String tag = "t" + (++tags);
    write(tag + " " + command + "\r\n");
    return completion(tag);
  }

  /** {@link #command} that must complete OK. */
  Completion expectOk(String command) throws IOException {
    Completion completion = command(command);
    if (!completion.ok()) {
      throw new IOException(command.split(" ")[0] + " failed: " + completion.status());
    }
    return completion;
  }

  /** APPEND with a non-synchronizing literal (RFC 7888 LITERAL+): one write, one completion. */
  Completion append(String folder, byte[] message) throws IOException {
    String tag = "t" + (++tags);
    ByteArrayOutputStream request = new ByteArrayOutputStream(message.length + 64);
    request.writeBytes(
        (tag + " APPEND " + folder + " {" + message.length + "+}\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(message);
    request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.write(request.toByteArray());
    out.flush();
    return completion(tag);
  }

  /** SELECT {@code folder}; returns the EXISTS count. */
  int select(String folder) throws IOException {
    return exists(expectOk("SELECT " + folder).untagged());
  }

  /** The count of the last {@code * n EXISTS} among {@code responses}, or -1. */
  static int exists(List<Response> responses) {
    int exists = -1;
    for (Response response : responses) {
      Matcher m = Pattern.compile("^\\* (\\d+) EXISTS").matcher(response.text());
      if (m.find()) {
        exists = Integer.parseInt(m.group(1));
      }
    }
    return exists;
  }

  /** Starts IDLE (RFC 2177) and waits for the continuation. */
  void idle() throws IOException {
    write("i" + (++tags) + " IDLE\r\n");
    Response response = read();
    if (!response.text().startsWith("+")) {
      throw new IOException("IDLE not accepted: " + response.text());
    }
  }

  /** Ends IDLE and reads up to its tagged completion, which must be OK. */
  void done() throws IOException {
    write("DONE\r\n");
    Completion completion = completion("i" + tags);
    if (!completion.ok()) {
      throw new IOException("IDLE failed: " + completion.status());
    }
  }

  /**
   * Every {@code Message-ID} of the selected folder, one entry per message (a duplicate message
   * shows as a repeated id).
   */
  List<String> messageIds() throws IOException {
    Completion fetch = expectOk("UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
    List<String> ids = new ArrayList<>();
    Pattern id = Pattern.compile("(?i)Message-ID:\\s*<([^>]+)>");
    for (Response response : fetch.untagged()) {
      if (!response.text().matches("^\\* \\d+ FETCH .*")) {
        continue;
      }
      String header =
          response.literals().isEmpty()
              ? ""
              : new String(response.literals().get(0), StandardCharsets.US_ASCII);
      Matcher m = id.matcher(header);
      ids.add(m.find() ? m.group(1) : "(no Message-ID)");
    }
    return ids;
  }

  private Completion completion(String tag) throws IOException {
    List<Response> untagged = new ArrayList<>();
    while (true) {
      Response response = read();
      if (response.text().startsWith(tag + " ")) {
        return new Completion(untagged, response.text().substring(tag.length() + 1));
      }
      untagged.add(response);
    }
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** One response: a line, and for each literal it announces the literal and the line's rest. */
  Response read() throws IOException {
    StringBuilder text = new StringBuilder();
    List<byte[]> literals = new ArrayList<>();
    while (true) {
      String line = line();
      text.append(line);
      Matcher m = LITERAL.matcher(line);
      if (!m.find()) {
        Response response = new Response(text.toString(), literals);
        if (response.text().toUpperCase(Locale.ROOT).startsWith("* BYE")) {
          bye = response.text();
        }
        return response;
      }
      int length = Integer.parseInt(m.group(1));
      if (length > 50 * MAX_LINE) {
        throw new IOException("literal of " + length + " bytes");
      }
      literals.add(in.readNBytes(length));
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] raw = bytes.toByteArray();
        return new String(raw, 0, raw.length - 1, StandardCharsets.UTF_8);
      }
      if (bytes.size() > MAX_LINE) {
        throw new IOException("response line longer than " + MAX_LINE + " bytes");
      }
      bytes.write(b);
      previous = b;
    }
    throw new ConnectionClosedException();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The server closed the connection (after a BYE, if {@link #bye()} is set). */
  static final class ConnectionClosedException extends IOException {
    ConnectionClosedException() {
      super("connection closed");
    }
  }
}
