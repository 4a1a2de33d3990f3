package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.MailvaultNode;
import java.io.IOException;

/**
 * Every TLS listener of a node and how a client gets to TLS on it: the port, what is said in the
 * clear before the handshake (nothing for implicit TLS), and one command that shows the session
 * works over TLS afterwards. A new listener (POP3S, POP3 with {@code STLS}) is one more row, and
 * every test over this table covers it.
 */
enum TlsListenerKind {
  IMAPS("imap") {
    @Override
    int port(MailvaultNode node) {
      return node.imapsPort();
    }

    @Override
    void afterTls(LineConnection tls) throws IOException {
      assertThat(tls.line()).startsWith("* OK");
      tls.expect("a1 NOOP", "a1 OK");
    }
  },

  /** RFC 9051 §6.2.1. */
  IMAP_STARTTLS("imap") {
    @Override
    int port(MailvaultNode node) {
      return node.imapPort();
    }

    @Override
    void beforeTls(LineConnection plain) throws IOException {
      assertThat(plain.line()).startsWith("* OK").contains("STARTTLS");
      plain.expect("a1 STARTTLS", "a1 OK");
    }

    @Override
    void afterTls(LineConnection tls) throws IOException {
      tls.expect("a2 NOOP", "a2 OK");
    }
  },

  /** RFC 3207. */
  SMTP_STARTTLS("smtp") {
    @Override
    int port(MailvaultNode node) {
      return node.smtpPort();
    }

    @Override
    void beforeTls(LineConnection plain) throws IOException {
      assertThat(plain.line()).startsWith("220 ");
      plain.send("EHLO client.example");
      assertThat(plain.lineStarting("250 ")).isNotEmpty();
      plain.expect("STARTTLS", "220 ");
    }

    @Override
    void afterTls(LineConnection tls) throws IOException {
      tls.send("EHLO client.example");
      assertThat(tls.lineStarting("250 ")).isNotEmpty();
    }
  },

  /** RFC 8314 §3.3. */
  POP3S("pop3") {
    @Override
    int port(MailvaultNode node) {
      return node.pop3sPort();
    }

    @Override
    void afterTls(LineConnection tls) throws IOException {
      assertThat(tls.line()).startsWith("+OK");
      tls.send("CAPA");
      assertThat(tls.lineStarting(".")).isNotEmpty();
    }
  },

  /** RFC 2595 §4. */
  POP3_STLS("pop3") {
    @Override
    int port(MailvaultNode node) {
      return node.pop3Port();
    }

    @Override
    void beforeTls(LineConnection plain) throws IOException {
      assertThat(plain.line()).startsWith("+OK");
      plain.expect("STLS", "+OK");
    }

    @Override
    void afterTls(LineConnection tls) throws IOException {
      tls.send("CAPA");
      assertThat(tls.line()).startsWith("+OK");
      assertThat(tls.lineStarting(".")).isNotEmpty();
    }
  };

  private final String protocol;

  TlsListenerKind(String protocol) {
    this.protocol = protocol;
  }

  /** The protocol's name in the handshake log line. */
  String protocol() {
    return protocol;
  }

  abstract int port(MailvaultNode node);

  /** The plaintext exchange up to the point where the client starts the handshake. */
  void beforeTls(LineConnection plain) throws IOException {}

  /** A command answered over TLS, proving the session carries on after the handshake. */
  abstract void afterTls(LineConnection tls) throws IOException;
}
