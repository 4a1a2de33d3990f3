package dev.mailvault.imap.server;

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
 * A bare-socket client that can send fast or one octet a second, and records every line the server
 * says until it closes the connection.
 */
final class SlowClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
  private volatile boolean closed;

  SlowClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while (!(line = TranscriptRunner.readLine(in)).equals("<closed>")) {
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

  void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Sends {@code text} one octet a second, until it is all sent or the socket fails. */
  void dribble(String text) {
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

  List<String> lines() {
    return lines;
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() throws IOException {
    dribbler.shutdownNow();
    socket.close();
  }
}
