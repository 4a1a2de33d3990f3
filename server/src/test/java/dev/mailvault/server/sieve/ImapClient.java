package dev.mailvault.server.sieve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A few IMAP commands over a plain loopback socket, each answer as one string with its literals
 * inline: enough to look at what a delivery filed where.
 */
final class ImapClient implements AutoCloseable {

  private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");
  private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int tag;

  private ImapClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static ImapClient login(int port, String user, String password) throws IOException {
    ImapClient client = new ImapClient(new Socket(InetAddress.getLoopbackAddress(), port));
    client.line();
    String answer = client.command("LOGIN \"" + user + "\" \"" + password + "\"");
    if (!answer.contains(" OK")) {
      client.close();
      throw new IOException("login refused: " + answer);
    }
    return client;
  }

  /** Selects {@code folder} and returns its message count; 0 when it does not exist. */
  int select(String folder) throws IOException {
    String answer = command("SELECT \"" + folder + "\"");
    Matcher exists = EXISTS.matcher(answer);
    return exists.find() ? Integer.parseInt(exists.group(1)) : 0;
  }

  /** Sends {@code command} with the next tag; returns every line to the tagged one, literals in. */
  String command(String command) throws IOException {
    String t = "t" + ++tag;
    out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    StringBuilder answer = new StringBuilder();
    while (true) {
      String line = line();
      answer.append(line).append('\n');
      Matcher literal = LITERAL.matcher(line);
      if (literal.find()) {
        answer.append(
            new String(in.readNBytes(Integer.parseInt(literal.group(1))), StandardCharsets.UTF_8));
        continue;
      }
      if (line.startsWith(t + " ")) {
        return answer.toString();
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1 && line.size() == 0) {
      throw new IOException("connection closed");
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
