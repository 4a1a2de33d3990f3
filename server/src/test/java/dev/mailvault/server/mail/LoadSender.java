package dev.mailvault.server.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One sender of the crash load: a raw SMTP client sending small distinct messages, one after the
 * other, to one recipient until told to stop, and recording for each what it learnt: a 250, an
 * explicit refusal, or nothing (the connection died first).
 */
final class LoadSender implements Runnable {

  /** What the client knows about one message. */
  enum Outcome {
    /** 250 after the data: the server took responsibility (RFC 5321 §6.1). */
    ACCEPTED,
    /** A 4xx or 5xx after the data: the server declined it. */
    REFUSED,
    /** The data was (perhaps partly) sent and no reply came: the client cannot know. */
    UNKNOWN
  }

  private final int port;
  private final String recipient;
  private final String prefix;
  private final Random random;
  private final AtomicBoolean stop;
  private final Map<String, byte[]> sent;
  private final Map<String, Outcome> outcomes;

  LoadSender(
      int port,
      String recipient,
      String prefix,
      long seed,
      AtomicBoolean stop,
      Map<String, byte[]> sent,
      Map<String, Outcome> outcomes) {
    this.port = port;
    this.recipient = recipient;
    this.prefix = prefix;
    this.random = new Random(seed);
    this.stop = stop;
    this.sent = sent;
    this.outcomes = outcomes;
  }

  @Override
  public void run() {
    int n = 0;
    while (!stop.get()) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(20_000);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        expect(in, "220");
        command(out, in, "EHLO load.example", "250");
        while (!stop.get()) {
          String marker = prefix + "-" + (n++);
          send(in, out, marker);
        }
      } catch (IOException e) {
        // The server was killed (or refused the connection meanwhile); try again until stopped.
        pause();
      }
    }
  }

  private void send(InputStream in, OutputStream out, String marker) throws IOException {
    command(out, in, "MAIL FROM:<load@far.example>", "250");
    command(out, in, "RCPT TO:<" + recipient + ">", "250");
    command(out, in, "DATA", "354");
    byte[] message = message(marker);
    sent.put(marker, message);
    outcomes.put(marker, Outcome.UNKNOWN);
    out.write(dotStuffed(message));
    out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = reply(in);
    outcomes.put(marker, reply.startsWith("250") ? Outcome.ACCEPTED : Outcome.REFUSED);
    if (!reply.startsWith("250")) {
      command(out, in, "RSET", "250");
    }
  }

  /** A small message whose every part names its marker; a random body of 100 to 6,000 bytes. */
  private byte[] message(String marker) {
    StringBuilder text = new StringBuilder(512);
    text.append("From: <load@far.example>\r\n")
        .append("To: <")
        .append(recipient)
        .append(">\r\n")
        .append("Subject: load ")
        .append(marker)
        .append("\r\n")
        .append("Message-ID: <")
        .append(marker)
        .append("@far.example>\r\n")
        .append("\r\n")
        .append(".leading dot ")
        .append(marker)
        .append("\r\n");
    int size = 100 + random.nextInt(5_900);
    while (text.length() < size) {
      int line = 1 + random.nextInt(76);
      for (int i = 0; i < line; i++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      text.append("\r\n");
    }
    text.append("end of ").append(marker).append("\r\n");
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** RFC 5321 §4.5.2: a line starting with a dot gets one more. */
  static byte[] dotStuffed(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16);
    boolean lineStart = true;
    for (byte b : message) {
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n';
    }
    return out.toByteArray();
  }

  private static void command(OutputStream out, InputStream in, String line, String expected)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = reply(in);
    if (!reply.startsWith(expected)) {
      throw new IOException(line + " answered " + reply);
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

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
