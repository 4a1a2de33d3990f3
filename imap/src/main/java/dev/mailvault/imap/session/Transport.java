package dev.mailvault.imap.session;

import java.net.InetAddress;
import java.time.Duration;

/** What a session may ask of its connection; implemented on Netty by the server package. */
public interface Transport {

  /** Writes bytes in order; they leave at the next {@link #flush()}. Callable from any thread. */
  void write(byte[] bytes);

  void flush();

  /**
   * Waits while the connection holds more unsent bytes than its high-water mark, for as long as the
   * client keeps reading: how a long answer keeps pace with its reader. Never call on the event
   * loop.
   *
   * @return false when the client read nothing for {@code stall} (or the connection is gone): the
   *     caller then {@link #abort}s instead of writing more
   */
  default boolean awaitWritable(Duration stall) {
    return true;
  }

  /** Closes at once, dropping unsent bytes: for a client that no longer reads (ADR 0235). */
  void abort();

  /**
   * Discards what the client sent after the STARTTLS command (RFC 9051 §6.2.1: no command
   * injection), writes {@code lastPlaintext} unencrypted and starts the TLS handshake.
   */
  void startTls(byte[] lastPlaintext);

  /** Writes {@code lastUncompressed}, then compresses both directions (RFC 4978 §3). */
  void startCompression(byte[] lastUncompressed);

  /** Flushes and closes the connection. */
  void close();

  boolean isSecure();

  boolean isCompressed();

  /** Whether TLS can be started (a certificate is configured). */
  boolean canStartTls();

  InetAddress remoteAddress();
}
