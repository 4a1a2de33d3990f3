package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.protocol.net.TlsHandshakeLog;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 12's guarantee, on a whole node per provider (BoringSSL, and Bouncy Castle's JSSE as the
 * fallback): every TLS listener completes a TLS 1.3 handshake with a client that offers only the
 * hybrid group X25519MLKEM768, still serves a client that offers only X25519, and serves Debian's
 * {@code openssl s_client} (OpenSSL 3.0, classical groups only); and the handshake's log line and
 * the {@code Received} field of mail that arrived over TLS name the group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostQuantumListenersTest {

  private static final String HYBRID = "X25519MLKEM768";
  private static final String PASSWORD = "a long enough password";

  @TempDir static Path data;

  private final Map<TlsProvider, TestedNode> nodes = new EnumMap<>(TlsProvider.class);
  private final Map<TlsProvider, X509Certificate> certificates = new EnumMap<>(TlsProvider.class);

  private final ListAppender<ILoggingEvent> handshakeLog = new ListAppender<>();

  @BeforeAll
  void listenToTheHandshakeLog() {
    handshakeLog.start();
    ((Logger) LoggerFactory.getLogger(TlsHandshakeLog.class)).addAppender(handshakeLog);
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(TlsHandshakeLog.class)).detachAppender(handshakeLog);
    nodes.values().forEach(TestedNode::close);
  }

  static Stream<Arguments> everyListenerOnEveryProvider() {
    List<Arguments> cases = new ArrayList<>();
    for (TlsProvider provider : TlsProvider.values()) {
      for (TlsListenerKind listener : TlsListenerKind.values()) {
        cases.add(Arguments.of(provider, listener));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("everyListenerOnEveryProvider")
  void clientOfferingOnlyTheHybridGroupCompletesTheHandshake(
      TlsProvider provider, TlsListenerKind listener) throws Exception {
    try (SSLSocket tls = connect(provider, listener, HYBRID)) {
      assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
      listener.afterTls(new LineConnection(tls));
      awaitHandshakeLine(listener, tls, HYBRID);
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("everyListenerOnEveryProvider")
  void clientOfferingOnlyX25519StillConnects(TlsProvider provider, TlsListenerKind listener)
      throws Exception {
    try (SSLSocket tls = connect(provider, listener, "x25519")) {
      assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
      listener.afterTls(new LineConnection(tls));
      // Bouncy Castle says "x25519", BoringSSL "X25519": the log spells it one way.
      awaitHandshakeLine(listener, tls, "X25519");
    }
  }

  /** OpenSSL 3.0 has no ML-KEM: a classical-only client of today. */
  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void opensslClientWithClassicalGroupsConnectsToImaps(TlsProvider provider) throws Exception {
    TestedNode node = node(provider);
    Process openssl =
        new ProcessBuilder(
                "/usr/bin/openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + node.imapsPort(),
                "-groups",
                "X25519",
                "-CAfile",
                certFile(provider).toString(),
                "-verify_return_error",
                "-brief")
            .redirectErrorStream(true)
            .start();
    openssl.getOutputStream().write("a1 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
    openssl.getOutputStream().flush();
    String output;
    try (InputStream in = openssl.getInputStream()) {
      // The server closes after LOGOUT, so the output ends.
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output)
        .contains("Protocol version: TLSv1.3")
        .contains("Verification: OK")
        .contains("Server Temp Key: X25519")
        .contains("* OK")
        .contains("a1 OK");
  }

  /**
   * RFC 5321 §4.4 lets the Received field say how the message came; ours says which TLS, group
   * included, so a reader can tell a post-quantum hop from a classical one.
   */
  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void receivedFieldNamesTheHybridGroup(TlsProvider provider) throws Exception {
    TestedNode node = node(provider);
    try (SSLSocket tls = connect(provider, TlsListenerKind.SMTP_STARTTLS, HYBRID)) {
      LineConnection smtp = new LineConnection(tls);
      smtp.send("EHLO client.example");
      smtp.lineStarting("250 ");
      smtp.expect("MAIL FROM:<sender@far.example>", "250");
      smtp.expect("RCPT TO:<hello@example.com>", "250");
      smtp.expect("DATA", "354");
      smtp.send("Subject: over a post-quantum hop\r\n\r\nhello\r\n.");
      assertThat(smtp.line()).startsWith("250");
      smtp.expect("QUIT", "221");
    }
    try (Socket plain = new Socket("127.0.0.1", node.imapsPort());
        SSLSocket tls = new BcTlsClient(certificate(provider)).handshake(plain, "x25519")) {
      plain.setSoTimeout(30_000);
      LineConnection imap = new LineConnection(tls);
      assertThat(imap.line()).startsWith("* OK");
      imap.expect("a1 LOGIN hello@example.com \"" + PASSWORD + "\"", "a1 OK");
      imap.send("a2 EXAMINE INBOX");
      imap.lineStarting("a2 OK");
      imap.send("a3 FETCH * BODY.PEEK[HEADER.FIELDS (RECEIVED)]");
      StringBuilder header = new StringBuilder();
      for (String line = imap.line(); !line.startsWith("a3 "); line = imap.line()) {
        header.append(line).append('\n');
      }
      assertThat(header.toString())
          .containsPattern("using TLSv1\\.3 with cipher TLS_\\w+ group " + HYBRID + "\\)");
    }
  }

  /**
   * A TLS socket on {@code listener} of the node on {@code provider}, offering only {@code group}.
   */
  private SSLSocket connect(TlsProvider provider, TlsListenerKind listener, String group)
      throws Exception {
    TestedNode node = node(provider);
    Socket plain = new Socket("127.0.0.1", listener.port(node.clients()));
    plain.setSoTimeout(30_000);
    listener.beforeTls(new LineConnection(plain));
    return new BcTlsClient(certificate(provider)).handshake(plain, group);
  }

  private synchronized TestedNode node(TlsProvider provider) throws Exception {
    TestedNode node = nodes.get(provider);
    if (node != null) {
      return node;
    }
    Path dir = data.resolve(provider.name());
    Map<Setting, String> settings =
        Map.ofEntries(
            Map.entry(Setting.DATA, dir.toString()),
            Map.entry(Setting.BIND, "127.0.0.1"),
            Map.entry(Setting.HTTP_PORT, "0"),
            Map.entry(Setting.HTTPS_PORT, "0"),
            Map.entry(Setting.IMAP_PORT, "0"),
            Map.entry(Setting.IMAPS_PORT, "0"),
            Map.entry(Setting.POP3_PORT, "0"),
            Map.entry(Setting.POP3S_PORT, "0"),
            Map.entry(Setting.MANAGESIEVE_PORT, "0"),
            Map.entry(Setting.SUBMISSION_PORT, "0"),
            Map.entry(Setting.SUBMISSIONS_PORT, "0"),
            Map.entry(Setting.SMTP_PORT, "0"),
            Map.entry(
                Setting.TLS_PROVIDER,
                provider == TlsProvider.BORINGSSL ? "boringssl" : "bouncycastle"));
    node = TestedNode.start(settings);
    nodes.put(provider, node);
    node.directory().addDomain(EmailAddress.parse("hello@example.com").domain());
    new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(dir.resolve("spool")))
        .create(EmailAddress.parse("hello@example.com"), PASSWORD.toCharArray())
        .close();
    try (InputStream in = Files.newInputStream(certFile(provider))) {
      certificates.put(
          provider,
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    return node;
  }

  private Path certFile(TlsProvider provider) {
    return nodes.get(provider).tlsCertificate();
  }

  private X509Certificate certificate(TlsProvider provider) {
    return certificates.get(provider);
  }

  /** Waits for the server's log line about this very connection (its peer port is ours). */
  private void awaitHandshakeLine(TlsListenerKind listener, SSLSocket tls, String group) {
    String start = "tls: " + listener.protocol() + " peer=/127.0.0.1:" + tls.getLocalPort() + " ";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                handshakeLog.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .anyMatch(line -> line.startsWith(start) && line.endsWith(" group " + group)));
  }
}
