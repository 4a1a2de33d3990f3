package dev.mailvault.sieve.session;

import java.net.InetAddress;

/** What a session writes to: the connection, seen from the session's executor. */
public interface Transport {

  /** Queues bytes; they leave in order at the next flush. */
  void write(byte[] bytes);

  void flush();

  /**
   * Sends {@code goAhead} in the clear, then TLS; what the client sent meanwhile is dropped, and
   * {@code afterHandshake} runs on the session's executor once TLS is on.
   */
  void startTls(byte[] goAhead, Runnable afterHandshake);

  /** Closes once what was written has left. */
  void close();

  boolean isSecure();

  /** Whether STARTTLS is possible: TLS is configured and not on yet. */
  boolean canStartTls();

  InetAddress remoteAddress();
}
