package dev.mailvault.pop3.session;

import java.net.InetAddress;

/** What a session writes to: the connection, seen from the session's executor. */
public interface Transport {

  /** Queues bytes; they leave in order at the next flush. */
  void write(byte[] bytes);

  void flush();

  /**
   * Writes and flushes {@code bytes}, suspends the session's queue, and runs {@code next} on it
   * once they have left: a large response goes out piece by piece, never queued whole.
   */
  void writeThen(byte[] bytes, Runnable next);

  /** Sends {@code goAhead} in the clear, then TLS; what the client sent meanwhile is dropped. */
  void startTls(byte[] goAhead);

  /** Closes once what was written has left. */
  void close();

  boolean isSecure();

  /** Whether STLS is possible: TLS is configured and this is not the implicit-TLS port. */
  boolean canStartTls();

  InetAddress remoteAddress();
}
