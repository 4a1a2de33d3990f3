package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Plays a {@code C:}/{@code S:} script against a live server (DESIGN §9). {@code C: text} sends the
 * text and CRLF; {@code S: text} expects exactly that line next; {@code S~ regex} expects a line
 * matching the regex; {@code S? regex} skips any lines until one matches; lines starting with
 * {@code #} and blank lines are ignored. Server output is read as CRLF-ended lines, literals
 * included as they come, so a script shows the bytes exactly.
 */
public final class TranscriptRunner {

  private TranscriptRunner() {}

  public static void run(String name, String script, int port) throws IOException {
    List<String> log = new ArrayList<>();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      int lineNumber = 0;
      for (String line : script.split("\n", -1)) {
        lineNumber++;
        line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.length() < 3) {
          fail(name + ":" + lineNumber + ": not a transcript line: " + line);
        }
        String kind = line.substring(0, 3);
        String text = line.substring(3);
        switch (kind) {
          case "C: " -> {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            log.add("C: " + text);
          }
          case "S: " -> expect(name, lineNumber, in, log, got -> got.equals(text), text);
          case "S~ " -> {
            Pattern pattern = Pattern.compile(text);
            expect(name, lineNumber, in, log, got -> pattern.matcher(got).matches(), text);
          }
          case "S? " -> {
            Pattern pattern = Pattern.compile(text);
            while (true) {
              String got = readLine(in);
              if (got.equals(CLOSED)) {
                // The server closed the connection: nothing more can match (and reading on would
                // collect CLOSED markers until the heap is gone).
                fail(
                    name
                        + ":"
                        + lineNumber
                        + ": the server closed the connection before\n  "
                        + text
                        + "\ntranscript so far:\n"
                        + String.join("\n", log));
              }
              log.add("S: " + got);
              if (pattern.matcher(got).matches()) {
                break;
              }
            }
          }
          default -> fail(name + ":" + lineNumber + ": not a transcript line: " + line);
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      fail(name + ": the server said nothing more; transcript so far:\n" + String.join("\n", log));
    }
  }

  private static void expect(
      String name,
      int lineNumber,
      InputStream in,
      List<String> log,
      java.util.function.Predicate<String> matches,
      String wanted)
      throws IOException {
    String got = readLine(in);
    log.add("S: " + got);
    if (!matches.test(got)) {
      fail(
          name
              + ":"
              + lineNumber
              + ": expected\n  "
              + wanted
              + "\nbut got\n  "
              + got
              + "\ntranscript so far:\n"
              + String.join("\n", log));
    }
  }

  /** What {@link #readLine} returns once the server has closed the connection. */
  public static final String CLOSED = "<closed>";

  /** One CRLF-ended line; {@link #CLOSED} at the end of the stream. */
  public static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? CLOSED : line.toString(StandardCharsets.UTF_8);
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }
}
