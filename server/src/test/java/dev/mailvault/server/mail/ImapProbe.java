package dev.mailvault.server.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw IMAP client on a plain loopback socket (loopback may log in without TLS), with just enough
 * of RFC 9051 to log in, select INBOX, IDLE and fetch every message with its INTERNALDATE.
 */
final class ImapProbe implements AutoCloseable {

  /** One message as FETCH returned it. */
  record Fetched(int sequence, String internalDate, byte[] body) {}

  /** One response line; every {@code {n}} literal in it is cut out into {@link #literals}. */
  record Response(String text, List<byte[]> literals) {}

  private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d+)\\}$");
  private static final Pattern FETCH_SEQUENCE = Pattern.compile("^\\* (\\d+) FETCH ");
  private static final Pattern DATE = Pattern.compile("INTERNALDATE \"([^\"]+)\"");

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int tags;

  private ImapProbe(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects, reads the greeting and logs in; fails unless LOGIN is answered OK. */
  static ImapProbe login(int port, String user, String password) throws IOException {
    ImapProbe probe = new ImapProbe(new Socket("127.0.0.1", port));
    probe.socket.setSoTimeout(30_000);
    String greeting = probe.read().text();
    if (!greeting.startsWith("* OK")) {
      probe.close();
      throw new IOException("unexpected greeting: " + greeting);
    }
    probe.command("LOGIN \"" + user + "\" \"" + password + "\"");
    return probe;
  }

  /** SELECT INBOX; returns the EXISTS count. */
  int selectInbox() throws IOException {
    return select("INBOX");
  }

  /** SELECT {@code folder} (a name that needs no quoting); returns the EXISTS count. */
  int select(String folder) throws IOException {
    int exists = -1;
    for (Response response : command("SELECT " + folder)) {
      Matcher m = Pattern.compile("^\\* (\\d+) EXISTS").matcher(response.text());
      if (m.find()) {
        exists = Integer.parseInt(m.group(1));
      }
    }
    return exists;
  }

  /** Every message of the selected folder, in sequence order. */
  List<Fetched> fetchAll() throws IOException {
    List<Fetched> fetched = new ArrayList<>();
    for (Response response : command("FETCH 1:* (INTERNALDATE BODY.PEEK[])")) {
      Matcher seq = FETCH_SEQUENCE.matcher(response.text());
      if (!seq.find()) {
        continue;
      }
      Matcher date = DATE.matcher(response.text());
      if (!date.find() || response.literals().size() != 1) {
        throw new IOException("unexpected FETCH response: " + response.text());
      }
      fetched.add(
          new Fetched(Integer.parseInt(seq.group(1)), date.group(1), response.literals().get(0)));
    }
    return fetched;
  }

  /** Starts IDLE (RFC 2177) and waits for the continuation. */
  void idle() throws IOException {
    write("i" + (++tags) + " IDLE");
    Response response = read();
    if (!response.text().startsWith("+")) {
      throw new IOException("IDLE not accepted: " + response.text());
    }
  }

  /** Reads untagged responses until one reports EXISTS; returns its count. */
  int awaitExists() throws IOException {
    while (true) {
      Matcher m = Pattern.compile("^\\* (\\d+) EXISTS").matcher(read().text());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
  }

  /** Ends IDLE and reads up to its tagged completion. */
  void done() throws IOException {
    write("DONE");
    String tag = "i" + tags + " ";
    Response response;
    do {
      response = read();
    } while (!response.text().startsWith(tag));
    if (!response.text().startsWith(tag + "OK")) {
      throw new IOException("IDLE failed: " + response.text());
    }
  }

  /** Sends one command and returns every response up to its tagged one, which must be OK. */
  List<Response> command(String command) throws IOException {
    String tag = "t" + (++tags);
    write(tag + " " + command);
    List<Response> responses = new ArrayList<>();
    Response response;
    do {
      response = read();
      responses.add(response);
    } while (!response.text().startsWith(tag + " "));
    if (!response.text().startsWith(tag + " OK")) {
      throw new IOException(command.split(" ")[0] + " failed: " + response.text());
    }
    return responses;
  }

  private void write(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
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
        return new Response(text.toString(), literals);
      }
      literals.add(in.readNBytes(Integer.parseInt(m.group(1))));
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
      bytes.write(b);
      previous = b;
    }
    throw new IOException("connection closed");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
