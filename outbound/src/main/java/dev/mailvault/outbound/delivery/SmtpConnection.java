package dev.mailvault.outbound.delivery;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * One blocking SMTP client connection: commands out, replies in (RFC 5321 §4.2), STARTTLS, and the
 * message block. Each read waits at most the timeout it is given; a write of the message that
 * stalls longer than its timeout closes the socket (RFC 5321 §4.5.3.2.5), since a blocking socket
 * has no write timeout of its own.
 */
final class SmtpConnection implements AutoCloseable {

  /** RFC 5321 §4.5.3.1.5 allows 512 octets a reply line; extensions send longer, so allow some. */
  private static final int MAX_LINE = 4096;

  private static final int MAX_LINES = 200;

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "smtp-write-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private SmtpConnection(Socket socket) throws IOException {
    use(socket);
  }

  static SmtpConnection open(InetSocketAddress address, Duration connectTimeout)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address, (int) connectTimeout.toMillis());
      socket.setTcpNoDelay(true);
      return new SmtpConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private void use(Socket next) throws IOException {
    this.socket = next;
    this.in = new BufferedInputStream(next.getInputStream());
    this.out = next.getOutputStream();
  }

  boolean encrypted() {
    return socket instanceof SSLSocket;
  }

  /** Upgrades to TLS after a 220 to STARTTLS (RFC 3207 §4). */
  void startTls(TlsUpgrade upgrade, TlsRequirement requirement, int port, Duration timeout)
      throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    use(upgrade.upgrade(socket, requirement, port));
  }

  SmtpReply command(String line, Duration timeout) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return reply(timeout);
  }

  /** Sends the dot-stuffed message block and reads the reply to its final dot. */
  SmtpReply data(byte[] stuffed, Duration blockTimeout, Duration replyTimeout) throws IOException {
    Socket current = socket;
    ScheduledFuture<?> watchdog =
        WATCHDOG.schedule(
            () -> {
              try {
                current.close();
              } catch (IOException e) {
                // closing to end a stalled write: nothing more to do
              }
            },
            blockTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      out.write(stuffed);
      out.flush();
    } catch (SocketException e) {
      throw new IOException("the message could not be sent", e);
    } finally {
      watchdog.cancel(false);
    }
    return reply(replyTimeout);
  }

  /** One reply, all its lines (RFC 5321 §4.2.1: {@code 250-} continues, {@code 250 } ends). */
  SmtpReply reply(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = line();
      if (line.length() < 3 || !Character.isDigit(line.charAt(0))) {
        throw new IOException("not an SMTP reply");
      }
      int code;
      try {
        code = Integer.parseInt(line.substring(0, 3));
      } catch (NumberFormatException e) {
        throw new IOException("not an SMTP reply", e);
      }
      boolean more = line.length() > 3 && line.charAt(3) == '-';
      lines.add(line.length() > 4 ? line.substring(4) : "");
      if (lines.size() > MAX_LINES) {
        throw new IOException("reply too long");
      }
      if (!more) {
        return new SmtpReply(code, lines);
      }
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed by the server");
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("reply line too long");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
