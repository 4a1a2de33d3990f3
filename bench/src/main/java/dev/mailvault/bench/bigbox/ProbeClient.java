package dev.mailvault.bench.bigbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The benchmark's IMAP client: one command at a time on a plain socket, timing each from the
 * command's last byte written to its first untagged response and to its tagged answer. Literals in
 * responses are read and dropped (their place kept as {@code {n}}), so a 100,000-line answer costs
 * the client a counter, not memory.
 */
final class ProbeClient implements Closeable {

  /** One command's answer. */
  record Reply(String status, List<String> kept, int untagged, long firstNanos, long totalNanos) {

    boolean ok() {
      return status.startsWith("OK");
    }

    double totalMillis() {
      return totalNanos / 1e6;
    }

    double firstMillis() {
      return firstNanos / 1e6;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private int nextTag;

  private ProbeClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = socket.getOutputStream();
  }

  static ProbeClient connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(600_000);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    ProbeClient client = new ProbeClient(socket);
    String greeting = client.readResponse();
    if (!greeting.startsWith("* OK")) {
      socket.close();
      throw new IOException("unexpected greeting: " + greeting);
    }
    return client;
  }

  /** Sends {@code command} and reads to its tagged answer, keeping the untagged lines wanted. */
  Reply run(String command, Predicate<String> keep) throws IOException {
    String tag = "b" + (++nextTag);
    byte[] bytes = (tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    out.write(bytes);
    out.flush();
    long first = -1;
    int untagged = 0;
    List<String> kept = new ArrayList<>();
    while (true) {
      String response = readResponse();
      long now = System.nanoTime() - start;
      if (response.startsWith(tag + " ")) {
        return new Reply(
            response.substring(tag.length() + 1), kept, untagged, first < 0 ? now : first, now);
      }
      if (response.startsWith("*")) {
        if (first < 0) {
          first = now;
        }
        untagged++;
        if (keep.test(response)) {
          kept.add(response);
        }
      }
    }
  }

  Reply run(String command) throws IOException {
    return run(command, r -> false);
  }

  /** IDLE until the server's continuation (RFC 2177); the connection then stays idle. */
  void startIdle() throws IOException {
    String tag = "b" + (++nextTag);
    out.write((tag + " IDLE\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    while (true) {
      String response = readResponse();
      if (response.startsWith("+")) {
        return;
      }
      if (response.startsWith(tag + " ")) {
        throw new IOException("IDLE refused: " + response);
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String readResponse() throws IOException {
    StringBuilder whole = new StringBuilder();
    while (true) {
      String part = readLine();
      whole.append(part);
      long literal = literalLength(part);
      if (literal < 0) {
        return whole.toString();
      }
      in.skipNBytes(literal);
    }
  }

  private static long literalLength(String part) {
    if (!part.endsWith("}")) {
      return -1;
    }
    int open = part.lastIndexOf('{');
    String digits = open < 0 ? "" : part.substring(open + 1, part.length() - 1);
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }

  private String readLine() throws IOException {
    line.reset();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }
}
