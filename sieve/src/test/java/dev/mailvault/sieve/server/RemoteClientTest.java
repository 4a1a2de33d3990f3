package dev.mailvault.sieve.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client on another host (named by a trusted proxy's PROXY header, ADR 0173) without TLS: RFC
 * 5804 §1.7 and §2.1 say it sees no mechanism and must STARTTLS before it sends a password.
 */
class RemoteClientTest {

  @TempDir Path data;
  private LiveSieveServer server;
  private SieveClient client;

  @BeforeEach
  void start() throws Exception {
    server = LiveSieveServer.behindProxy(data);
    server.addAlias("alice@example.com");
    client = SieveClient.connect(server.port());
    client.sendRaw(
        "PROXY TCP4 203.0.113.9 127.0.0.1 40000 4190\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void noMechanismIsOfferedAndPlainIsRefusedBeforeTls() throws Exception {
    client.run(
        """
        S: "IMPLEMENTATION" "Mailvault"
        S: "UNAUTHENTICATE"
        S: "SIEVE" ".*"
        S: "MAXREDIRECTS" "4"
        S: "VERSION" "1.0"
        S: "SASL" ""
        S: "STARTTLS"
        S: OK "Mailvault ManageSieve ready"
        C: AUTHENTICATE "PLAIN" "{PLAIN alice@example.com}"
        S: NO \\(ENCRYPT-NEEDED\\) "PLAIN needs TLS; use STARTTLS first"
        C: STARTTLS
        S: OK "Begin TLS negotiation now"
        """);
    client.startTls();
    // RFC 5804 §2.2: the capabilities again, now with PLAIN and without STARTTLS.
    client.run(
        """
        S: "IMPLEMENTATION" "Mailvault"
        S: "UNAUTHENTICATE"
        S: "SIEVE" ".*"
        S: "MAXREDIRECTS" "4"
        S: "VERSION" "1.0"
        S: "SASL" "PLAIN"
        S: OK "TLS negotiation successful"
        C: STARTTLS
        S: NO "TLS is not available on this connection"
        C: AUTHENTICATE "PLAIN" "{PLAIN alice@example.com}"
        S: OK "Logged in"
        """);
  }
}
