package dev.mailvault.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A bare-socket client (IMAP and SMTP deadline tests) that can send fast or one octet a second, and
 * records every line the server says until it closes the connection.
 */
public final class SlowClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
  private volatile boolean closed;

  public SlowClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = readLine(in)) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // A reset is a close as far as the test is concerned.
              }
              closed = true;
            },
            "slow-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Sends {@code text} one octet a second, until it is all sent or the socket fails. */
  public void dribble(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] next = {0};
    dribbler.scheduleAtFixedRate(
        () -> {
          if (next[0] >= bytes.length) {
            return;
          }
          try {
            out.write(bytes[next[0]++]);
            out.flush();
          } catch (IOException e) {
            next[0] = bytes.length;
          }
        },
        0,
        1,
        TimeUnit.SECONDS);
  }

  public List<String> lines() {
    return lines;
  }

  public boolean closed() {
    return closed;
  }

  /** One CRLF-ended line; null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    dribbler.shutdownNow();
    socket.close();
  }
}
