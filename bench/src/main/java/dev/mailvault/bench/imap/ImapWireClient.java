package dev.mailvault.bench.imap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal IMAP client on a plain socket: one command at a time, no pipelining, literals read and
 * discarded. It keeps only what the workload needs from the untagged responses: the number of
 * messages in the selected folder ({@code EXISTS}, {@code EXPUNGE}). Written here rather than taken
 * from a mail library so the numbers measure the server, not a client's caching or its own
 * background commands.
 */
final class ImapWireClient implements Closeable {

  private static final byte[] CRLF = {'\r', '\n'};

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private int nextTag;
  private int exists;
  private boolean bye;

  private ImapWireClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
  }

  /** Connects, from {@code local} when not null, and reads the greeting. */
  static ImapWireClient connect(InetSocketAddress server, InetAddress local, int timeoutMillis)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeoutMillis);
      if (local != null) {
        socket.bind(new InetSocketAddress(local, 0));
      }
      socket.connect(server, timeoutMillis);
      ImapWireClient client = new ImapWireClient(socket);
      String greeting = client.readResponse();
      // RFC 9051 §7.1.1: the greeting is an untagged OK (or PREAUTH, never used here).
      if (!greeting.startsWith("* OK")) {
        throw new IOException("unexpected greeting: " + abbreviate(greeting));
      }
      return client;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends one command (without tag) and reads until its tagged answer. */
  ImapReply command(String command) throws IOException {
    String tag = tag();
    writeLine(tag + " " + command);
    out.flush();
    return readUntilTagged(tag, 0);
  }

  /** APPEND with a synchronizing literal (RFC 9051 §6.3.12), understood by every server. */
  ImapReply append(String folder, String flags, byte[] message) throws IOException {
    String tag = tag();
    writeLine(tag + " APPEND " + folder + " (" + flags + ") {" + message.length + "}");
    out.flush();
    int untagged = 0;
    while (true) {
      String response = readResponse();
      if (response.startsWith("+")) {
        break;
      }
      if (response.startsWith(tag + " ")) {
        return tagged(tag, response, untagged);
      }
      untagged++;
    }
    out.write(message);
    out.write(CRLF);
    out.flush();
    return readUntilTagged(tag, untagged);
  }

  /**
   * IDLE for {@code holdMillis}, then DONE (RFC 2177). Updates the server pushes while idling are
   * read after DONE. Returns the tagged answer; {@code timing[0]} receives the nanoseconds spent
   * waiting for the continuation and the tagged answer, the hold excluded.
   */
  ImapReply idle(long holdMillis, long[] timing) throws IOException, InterruptedException {
    String tag = tag();
    long start = System.nanoTime();
    writeLine(tag + " IDLE");
    out.flush();
    int untagged = 0;
    while (true) {
      String response = readResponse();
      if (response.startsWith("+")) {
        break;
      }
      if (response.startsWith(tag + " ")) {
        timing[0] = System.nanoTime() - start;
        return tagged(tag, response, untagged);
      }
      untagged++;
    }
    long waited = System.nanoTime() - start;
    Thread.sleep(holdMillis);
    long done = System.nanoTime();
    writeLine("DONE");
    out.flush();
    ImapReply reply = readUntilTagged(tag, untagged);
    timing[0] = waited + System.nanoTime() - done;
    return reply;
  }

  /** Starts IDLE and returns once the server has answered with its continuation. */
  boolean startIdle() throws IOException {
    String tag = tag();
    writeLine(tag + " IDLE");
    out.flush();
    while (true) {
      String response = readResponse();
      if (response.startsWith("+")) {
        return true;
      }
      if (response.startsWith(tag + " ")) {
        return false;
      }
    }
  }

  /**
   * Whether the server still holds the connection: reads what it sent meanwhile (keep-alives) for a
   * moment and answers false on end of stream or BYE.
   */
  boolean isOpenWithoutPendingClose() {
    try {
      socket.setSoTimeout(5);
      while (true) {
        String response = readResponse();
        if (response.startsWith("* BYE")) {
          return false;
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The message count of the selected folder as the server last announced it. */
  int exists() {
    return exists;
  }

  /** Whether the server sent BYE (expected only after LOGOUT). */
  boolean saidBye() {
    return bye;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String tag() {
    return "a" + (++nextTag);
  }

  private void writeLine(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.write(CRLF);
  }

  private ImapReply readUntilTagged(String tag, int untaggedSoFar) throws IOException {
    int untagged = untaggedSoFar;
    while (true) {
      String response = readResponse();
      if (response.startsWith(tag + " ")) {
        return tagged(tag, response, untagged);
      }
      if (response.startsWith("* ")) {
        untagged++;
        track(response);
      }
    }
  }

  private static ImapReply tagged(String tag, String response, int untagged) {
    String rest = response.substring(tag.length() + 1);
    int space = rest.indexOf(' ');
    String status = space < 0 ? rest : rest.substring(0, space);
    return new ImapReply(status, abbreviate(space < 0 ? "" : rest.substring(space + 1)), untagged);
  }

  /** Folds the counters the workload uses out of one untagged response. */
  private void track(String response) {
    // "* 17 EXISTS", "* 3 EXPUNGE" (RFC 9051 §7.4.1, §7.5.1)
    if (response.endsWith(" EXISTS")) {
      exists = Integer.parseInt(response.substring(2, response.length() - 7));
    } else if (response.endsWith(" EXPUNGE")) {
      exists--;
    } else if (response.startsWith("* BYE")) {
      bye = true;
    }
  }

  /**
   * One whole response: a line, and when it announces a literal ({@code {n}} or {@code ~{n}} at its
   * end) the literal is skipped and the line continues after it (RFC 9051 §4.3).
   */
  private String readResponse() throws IOException {
    StringBuilder whole = new StringBuilder();
    while (true) {
      String part = readLine();
      whole.append(part);
      long literal = literalLength(part);
      if (literal < 0) {
        return whole.toString();
      }
      skip(literal);
    }
  }

  private static long literalLength(String part) {
    if (!part.endsWith("}")) {
      return -1;
    }
    int open = part.lastIndexOf('{');
    if (open < 0) {
      return -1;
    }
    String digits = part.substring(open + 1, part.length() - 1);
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }

  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("connection closed inside a literal");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private String readLine() throws IOException {
    line.reset();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b == '\n') {
        int n = line.size();
        byte[] bytes = line.toByteArray();
        int end = n > 0 && bytes[n - 1] == '\r' ? n - 1 : n;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 160 ? text : text.substring(0, 160) + "...";
  }
}
