package dev.mailvault.server.cluster;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends one message with a given Message-ID to a front-end's MX over a raw socket, as a remote
 * server would, and says what the client learnt: a 250 after the data, a 4xx or a closed connection
 * (temporary: the sender tries again later), a 5xx (permanent), or no answer in time (a hang).
 */
final class MxClient {

  /** How one delivery attempt ended, with the reply or the failure that ended it. */
  record Attempt(Kind kind, String reply, long finishedNanos) {}

  /** The classes of outcome a sending server tells apart (RFC 5321 §4.2.1). */
  enum Kind {
    ACCEPTED,
    TEMPORARY,
    PERMANENT,
    HANG
  }

  private MxClient() {}

  /** A small message addressed to {@code to} whose Message-ID is {@code <id@far.example>}. */
  static byte[] message(String to, String id) {
    return ("From: <load@far.example>\r\n"
            + "To: <"
            + to
            + ">\r\n"
            + "Subject: cluster "
            + id
            + "\r\n"
            + "Message-ID: <"
            + id
            + "@far.example>\r\n"
            + "\r\n"
            + "body of "
            + id
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static Attempt deliver(int port, String to, String id, int timeoutMillis) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(timeoutMillis);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      String greeting = reply(in);
      if (!greeting.startsWith("220")) {
        return refused(greeting);
      }
      for (String command :
          List.of(
              "EHLO client.far.example",
              "MAIL FROM:<load@far.example>",
              "RCPT TO:<" + to + ">",
              "DATA")) {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String reply = reply(in);
        if (!reply.startsWith("2") && !reply.startsWith("3")) {
          return refused(reply);
        }
      }
      out.write(message(to, id));
      out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String done = reply(in);
      if (!done.startsWith("250")) {
        return refused(done);
      }
      Attempt accepted = new Attempt(Kind.ACCEPTED, done, System.nanoTime());
      try {
        out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // The 250 came; what happens to the connection afterwards changes nothing.
      }
      return accepted;
    } catch (SocketTimeoutException e) {
      return new Attempt(Kind.HANG, "no reply in " + timeoutMillis + " ms", System.nanoTime());
    } catch (IOException e) {
      return new Attempt(Kind.TEMPORARY, "connection: " + e.getMessage(), System.nanoTime());
    }
  }

  private static Attempt refused(String reply) {
    Kind kind = reply.startsWith("4") || reply.isEmpty() ? Kind.TEMPORARY : Kind.PERMANENT;
    return new Attempt(kind, reply.isEmpty() ? "connection closed" : reply, System.nanoTime());
  }

  /** Reads a whole (possibly multi-line, RFC 5321 §4.2.1) reply; returns its last line. */
  private static String reply(InputStream in) throws IOException {
    String line;
    do {
      line = line(in);
    } while (line.length() > 3 && line.charAt(3) == '-');
    return line;
  }

  /** One line, or "" if the connection closed first. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] raw = bytes.toByteArray();
        return new String(raw, 0, raw.length - 1, StandardCharsets.US_ASCII);
      }
      if (bytes.size() > 4096) {
        throw new IOException("reply line too long");
      }
      bytes.write(b);
      previous = b;
    }
    return "";
  }
}
