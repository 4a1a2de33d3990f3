package dev.mailvault.pop3.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STLS (RFC 2595 §4) and implicit TLS (RFC 8314), and passwords refused in the clear from anywhere
 * but loopback, as for IMAP. A client that is not on loopback is simulated as the PROXY protocol
 * tests do: a trusted proxy on 127.0.0.1 names it (ADR 0173).
 */
class TlsAndPrivacyTest {

  @TempDir Path data;

  @Test
  void stlsThenLoginOverTls() throws Exception {
    try (LivePop3Server server = LivePop3Server.start(data)) {
      server.addAlias("tls@example.com");
      try (Pop3Client client = Pop3Client.connect(server.port())) {
        client.expectOk();
        // Sent in the same packet as STLS: dropped, never obeyed after the handshake.
        client.raw("STLS\r\nUSER injected@example.com\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(client.line()).isEqualTo("+OK Begin TLS negotiation");
        client.startTls();
        Transcript.run(
            client,
            """
            C: CAPA
            S: \\+OK Capability list follows
            S: USER
            S: SASL PLAIN
            S: UTF8 USER
            S: UIDL
            S: TOP
            S: RESP-CODES
            S: AUTH-RESP-CODE
            S: PIPELINING
            S: EXPIRE NEVER
            S: LOGIN-DELAY 0
            S: IMPLEMENTATION Mailvault
            S: \\.
            C: PASS {PASSWORD}
            S: -ERR USER first
            C: STLS
            S: -ERR TLS is not available on this connection
            C: USER tls@example.com
            S: \\+OK .*
            C: PASS {PASSWORD}
            S: \\+OK Logged in, 0 messages \\(0 octets\\)
            """);
      }
    }
  }

  @Test
  void implicitTlsOffersNoStls() throws Exception {
    try (LivePop3Server server = LivePop3Server.start(data)) {
      server.addAlias("tls@example.com");
      try (Pop3Client client = Pop3Client.connectTls(server.tlsPort())) {
        Transcript.run(
            client,
            """
            S: \\+OK Mailvault POP3 ready
            C: STLS
            S: -ERR TLS is not available on this connection
            C: AUTH PLAIN %s
            S: \\+OK Logged in.*
            """
                .formatted(Pop3TranscriptTest.plain("tls@example.com", LivePop3Server.PASSWORD)));
      }
    }
  }

  @Test
  void passwordsInTheClearAreRefusedFromAnotherHost() throws Exception {
    try (LivePop3Server server =
        LivePop3Server.behindProxies(data, Set.of(InetAddress.getByName("127.0.0.1")))) {
      server.addAlias("far@example.com");
      try (Pop3Client client = Pop3Client.connect(server.port())) {
        client.raw(
            "PROXY TCP4 203.0.113.9 127.0.0.1 40000 110\r\n".getBytes(StandardCharsets.US_ASCII));
        Transcript.run(
            client,
            """
            S: \\+OK Mailvault POP3 ready
            C: CAPA
            S: \\+OK Capability list follows
            S: USER
            S: SASL PLAIN
            S: STLS
            S: UTF8 USER
            S: UIDL
            S: TOP
            S: RESP-CODES
            S: AUTH-RESP-CODE
            S: PIPELINING
            S: EXPIRE NEVER
            S: LOGIN-DELAY 0
            S: IMPLEMENTATION Mailvault
            S: \\.
            C: USER far@example.com
            S: -ERR \\[AUTH\\] Plaintext authentication disallowed without TLS; use STLS
            C: PASS {PASSWORD}
            S: -ERR \\[AUTH\\] Plaintext authentication disallowed without TLS; use STLS
            C: AUTH PLAIN %s
            S: -ERR \\[AUTH\\] Plaintext authentication disallowed without TLS; use STLS
            C: STLS
            S: \\+OK Begin TLS negotiation
            """
                .formatted(Pop3TranscriptTest.plain("far@example.com", LivePop3Server.PASSWORD)));
        client.startTls();
        Transcript.run(
            client,
            """
            C: USER far@example.com
            S: \\+OK .*
            C: PASS {PASSWORD}
            S: \\+OK Logged in.*
            """);
      }
    }
  }
}
