package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal IMAP client over a real socket for tests with several sessions: a reader thread queues
 * every CRLF-ended line the server sends, so a test can wait for untagged responses that arrive
 * between commands (IDLE) as well as run tagged commands.
 */
final class ScriptedImapClient implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 15;

  private final Socket socket;
  private final OutputStream out;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;
  private int tags;

  private ScriptedImapClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    reader =
        new Thread(
            () -> {
              try {
                while (true) {
                  String line = TranscriptRunner.readLine(in);
                  lines.add(line);
                  if (line.equals("<closed>")) {
                    return;
                  }
                }
              } catch (IOException e) {
                lines.add("<closed>");
              }
            },
            "imap-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects and reads the greeting. */
  static ScriptedImapClient connect(int port) throws Exception {
    ScriptedImapClient client = new ScriptedImapClient(port);
    assertThat(client.next()).startsWith("* OK");
    return client;
  }

  /** Connects, reads the greeting and logs in as {@code address}. */
  static ScriptedImapClient login(int port, String address) throws Exception {
    ScriptedImapClient client = new ScriptedImapClient(port);
    assertThat(client.next()).startsWith("* OK");
    client.ok("LOGIN " + address + " \"" + LiveImapServer.PASSWORD + "\"");
    return client;
  }

  /** Runs a command and returns its untagged responses; fails unless it ends in a tagged OK. */
  List<String> ok(String command) throws Exception {
    List<String> all = run(command);
    String last = all.remove(all.size() - 1);
    assertThat(last).as("answer to %s", command).matches("t\\d+ OK.*");
    return all;
  }

  /** Runs a command and returns every line it got, the tagged one last. */
  List<String> run(String command) throws Exception {
    String tag = "t" + ++tags;
    send(tag + " " + command + "\r\n");
    List<String> got = new ArrayList<>();
    while (true) {
      String line = next();
      got.add(line);
      if (line.startsWith(tag + " ")) {
        return got;
      }
      if (line.equals("<closed>")) {
        fail("connection closed during " + command + ": " + got);
      }
    }
  }

  /** Sends raw text (a command with a LITERAL+ literal, DONE, ...). */
  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next tag {@link #run} will use. */
  String nextTag() {
    return "t" + (tags + 1);
  }

  /** Sends {@code IDLE} and waits for the continuation. */
  void idle() throws Exception {
    String tag = "t" + ++tags;
    send(tag + " IDLE\r\n");
    String line = next();
    assertThat(line).startsWith("+ ");
  }

  /** Ends IDLE; returns the lines before the tagged OK. */
  List<String> done() throws Exception {
    String tag = "t" + tags;
    send("DONE\r\n");
    List<String> got = new ArrayList<>();
    while (true) {
      String line = next();
      if (line.startsWith(tag + " ")) {
        assertThat(line).startsWith(tag + " OK");
        return got;
      }
      got.add(line);
    }
  }

  /** Lines that arrived and were not read yet, without waiting. */
  List<String> available() {
    List<String> got = new ArrayList<>();
    lines.drainTo(got);
    return got;
  }

  /** The next line, waiting for it. */
  String next() throws InterruptedException {
    String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (line == null) {
      fail("the server said nothing for " + TIMEOUT_SECONDS + " s");
    }
    return line;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
