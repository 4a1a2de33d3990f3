package dev.mailvault.imap.clients;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Collects a Jakarta Mail session's debug output (the protocol lines it sends and receives) so a
 * test can wait for a moment only the wire shows, such as the server's IDLE continuation.
 */
final class ProtocolTrace extends OutputStream {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  PrintStream printStream() {
    return new PrintStream(this, true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    bytes.write(b);
    notifyAll();
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    bytes.write(b, off, len);
    notifyAll();
  }

  /**
   * Waits until the server has answered the client's {@code command} (e.g. "IDLE") with a
   * continuation request; false after ten seconds. Continuations of earlier commands (such as
   * AUTHENTICATE) do not count.
   */
  synchronized boolean awaitContinuationAfter(String command) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!continued(command)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  private boolean continued(String command) {
    boolean sent = false;
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\r?\n")) {
      if (line.matches("\\S+ " + command + "\\s*")) {
        sent = true;
      } else if (sent && line.startsWith("+")) {
        return true;
      }
    }
    return false;
  }
}
