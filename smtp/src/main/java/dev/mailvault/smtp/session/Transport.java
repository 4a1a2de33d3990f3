package dev.mailvault.smtp.session;

import dev.mailvault.protocol.exec.SerialExecutor;
import dev.mailvault.smtp.codec.SmtpReply;
import java.net.InetAddress;
import java.util.Optional;

/** What a session may ask of its connection; implemented on Netty by the server package. */
public interface Transport {

  /** Sends a reply. Callable from any thread; replies leave in order. */
  void reply(SmtpReply reply);

  /** After 354: the reader takes the message that follows (RFC 5321 §4.1.1.4). */
  void startData();

  /**
   * After a 334 challenge (RFC 4954 §4): the reader takes the next line as the client's response,
   * then waits again.
   */
  void readSaslResponse();

  /** After a refused DATA or STARTTLS: the reader takes commands again. */
  void resumeCommands();

  /**
   * Drops whatever the client sent after STARTTLS (RFC 3207 §4.2: no command injection), sends
   * {@code ready} in the clear and starts the TLS handshake.
   */
  void startTls(SmtpReply ready);

  /** Sends what is queued, then closes the connection. */
  void close();

  boolean isSecure();

  /** Whether STARTTLS can be offered: a certificate is configured and TLS is not on yet. */
  boolean canStartTls();

  /**
   * The negotiated protocol, cipher and, when the provider tells it, key exchange group, e.g.
   * {@code TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 group X25519MLKEM768}.
   */
  Optional<String> tlsDescription();

  InetAddress remoteAddress();

  /**
   * The session's serial executor: a login suspends it while the unlock runs on the login pool and
   * while a failure's delay runs (ADR 0171, 0186).
   */
  SerialExecutor sessionExecutor();
}
