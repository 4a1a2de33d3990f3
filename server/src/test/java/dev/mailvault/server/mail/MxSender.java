package dev.mailvault.server.mail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends one plain message to a node's MX over a raw socket, as a remote server would (EHLO, MAIL,
 * RCPT, DATA), for tests that need mail in a mailbox. Returns the reply that ended the attempt: the
 * one to the message's data, or the first refusal before it.
 */
public final class MxSender {

  private MxSender() {}

  public static String deliver(int smtpPort, String to, String subject, String body)
      throws Exception {
    try (Socket socket = new Socket("127.0.0.1", smtpPort)) {
      socket.setSoTimeout(30_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      reply(in);
      for (String command :
          List.of(
              "EHLO client.far.example",
              "MAIL FROM:<someone@far.example>",
              "RCPT TO:<" + to + ">",
              "DATA")) {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String r = reply(in);
        if (!r.startsWith("2") && !r.startsWith("3")) {
          return r;
        }
      }
      String message =
          "From: someone@far.example\r\nTo: "
              + to
              + "\r\nSubject: "
              + subject
              + "\r\n\r\n"
              + body
              + "\r\n.\r\n";
      out.write(message.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String done = reply(in);
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return done;
    }
  }

  /** One reply, its continuation lines skipped (RFC 5321 §4.2.1). */
  private static String reply(BufferedReader in) throws Exception {
    String line;
    do {
      line = in.readLine();
    } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    return line == null ? "" : line;
  }
}
