package dev.mailvault.server.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client of the submission burst: a raw SMTP client that logs in once per connection (AUTH
 * PLAIN, RFC 4954, on loopback where no TLS is needed) and submits numbered messages taken from a
 * shared counter until {@code total} have been taken. For each it records what it learnt: a 250, a
 * refusal, or nothing. When the server dies it waits for {@code port} to name the next one and goes
 * on with the next number, so the burst spans the kill.
 */
final class SubmissionLoad implements Runnable {

  /** What the client knows about one message. */
  enum Outcome {
    /** 250 after the data: the server took responsibility (RFC 5321 §6.1). */
    ACCEPTED,
    /** A 4xx or 5xx after the data. */
    REFUSED,
    /** The data was (perhaps partly) sent and no reply came: the client cannot know. */
    UNKNOWN
  }

  /** The last line of every message body; a message cut short at the sink lacks it. */
  static final String LAST_LINE = "end of burst message ";

  private final LivePort port;
  private final String sender;
  private final String password;
  private final String recipient;
  private final AtomicInteger next;
  private final int total;
  private final Random random;
  private final Map<String, Outcome> outcomes;

  /**
   * @param port the submission port of the running server
   * @param next the shared counter of message numbers
   */
  SubmissionLoad(
      LivePort port,
      String sender,
      String password,
      String recipient,
      AtomicInteger next,
      int total,
      long seed,
      Map<String, Outcome> outcomes) {
    this.port = port;
    this.sender = sender;
    this.password = password;
    this.recipient = recipient;
    this.next = next;
    this.total = total;
    this.random = new Random(seed);
    this.outcomes = outcomes;
  }

  /** The marker of message {@code n}: in its Message-ID, its subject and its body. */
  static String marker(int n) {
    return String.format("burst-%04d", n);
  }

  @Override
  public void run() {
    int n = next.getAndIncrement();
    while (n < total) {
      int current;
      try {
        current = port.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try (Socket socket = new Socket("127.0.0.1", current)) {
        socket.setSoTimeout(60_000);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        expect(in, "220");
        command(out, in, "EHLO burst.client", "250");
        String plain = "\0" + sender + "\0" + password;
        command(
            out,
            in,
            "AUTH PLAIN "
                + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)),
            "235");
        while (n < total) {
          send(in, out, marker(n));
          n = next.getAndIncrement();
        }
      } catch (IOException e) {
        // The server was killed. A message whose data went out keeps its unknown fate and is not
        // sent again (a second copy would be a second message); one that never got that far is
        // sent to the next server.
        if (outcomes.containsKey(marker(n))) {
          n = next.getAndIncrement();
        }
      }
    }
  }

  private void send(InputStream in, OutputStream out, String marker) throws IOException {
    String mail = ask(out, in, "MAIL FROM:<" + sender + ">");
    String rcpt = mail.startsWith("250") ? ask(out, in, "RCPT TO:<" + recipient + ">") : mail;
    if (!rcpt.startsWith("250")) {
      // Refused before the data (e.g. the hourly limit): counted as refused, never sent.
      outcomes.put(marker, Outcome.REFUSED);
      command(out, in, "RSET", "250");
      return;
    }
    command(out, in, "DATA", "354");
    outcomes.put(marker, Outcome.UNKNOWN);
    out.write(message(marker));
    out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = reply(in);
    outcomes.put(marker, reply.startsWith("250") ? Outcome.ACCEPTED : Outcome.REFUSED);
    if (!reply.startsWith("250")) {
      command(out, in, "RSET", "250");
    }
  }

  /** A small message whose every part names its marker; a random body of 200 to 3,000 bytes. */
  private byte[] message(String marker) {
    StringBuilder text = new StringBuilder(1024);
    text.append("From: <")
        .append(sender)
        .append(">\r\nTo: <")
        .append(recipient)
        .append(">\r\nSubject: ")
        .append(marker)
        .append("\r\nMessage-ID: <")
        .append(marker)
        .append("@client.example>\r\n\r\n")
        .append(marker)
        .append(" body\r\n");
    int size = 200 + random.nextInt(2_800);
    while (text.length() < size) {
      int line = 1 + random.nextInt(76);
      for (int i = 0; i < line; i++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      text.append("\r\n");
    }
    text.append(LAST_LINE).append(marker).append("\r\n");
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String ask(OutputStream out, InputStream in, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return reply(in);
  }

  private static void command(OutputStream out, InputStream in, String line, String expected)
      throws IOException {
    String reply = ask(out, in, line);
    if (!reply.startsWith(expected)) {
      throw new IOException(line.split(" ")[0] + " answered " + reply);
    }
  }

  private static void expect(InputStream in, String code) throws IOException {
    String reply = reply(in);
    if (!reply.startsWith(code)) {
      throw new IOException("expected " + code + ", got " + reply);
    }
  }

  /** Reads a whole (possibly multi-line, RFC 5321 §4.2.1) reply; returns its last line. */
  private static String reply(InputStream in) throws IOException {
    String line;
    do {
      line = line(in);
    } while (line.length() > 3 && line.charAt(3) == '-');
    return line;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] raw = bytes.toByteArray();
        return new String(raw, 0, raw.length - 1, StandardCharsets.US_ASCII);
      }
      bytes.write(b);
      previous = b;
    }
    throw new IOException("connection closed");
  }
}
