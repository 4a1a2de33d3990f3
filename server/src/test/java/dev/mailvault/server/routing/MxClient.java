package dev.mailvault.server.routing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain SMTP client for the MX: one transaction, every reply kept (first line of each). */
final class MxClient {

  private MxClient() {}

  /**
   * Sends {@code message} (CRLF lines, the last CRLF optional, no final dot) from {@code from} to
   * {@code recipients}; stops after the first refused RCPT. Returns the replies of MAIL, each RCPT
   * and, if reached, the end of DATA.
   */
  static List<String> send(int port, String from, List<String> recipients, String message)
      throws Exception {
    List<String> replies = new ArrayList<>();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(60_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      reply(in);
      command(in, out, "EHLO client.remote.test");
      replies.add(command(in, out, "MAIL FROM:<" + from + ">"));
      for (String recipient : recipients) {
        String reply = command(in, out, "RCPT TO:<" + recipient + ">");
        replies.add(reply);
        if (!reply.startsWith("250")) {
          command(in, out, "QUIT");
          return replies;
        }
      }
      command(in, out, "DATA");
      StringBuilder data = new StringBuilder();
      String body = message.endsWith("\r\n") ? message.substring(0, message.length() - 2) : message;
      for (String line : body.split("\r\n", -1)) {
        data.append(line.startsWith(".") ? "." + line : line).append("\r\n");
      }
      out.write(data.append(".\r\n").toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      replies.add(reply(in));
      command(in, out, "QUIT");
    }
    return replies;
  }

  private static String command(BufferedReader in, OutputStream out, String line) throws Exception {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return reply(in);
  }

  /** The first line of a (possibly multi-line) reply. */
  private static String reply(BufferedReader in) throws Exception {
    String first = in.readLine();
    String line = first;
    while (line != null && line.length() > 3 && line.charAt(3) == '-') {
      line = in.readLine();
    }
    return first;
  }
}
