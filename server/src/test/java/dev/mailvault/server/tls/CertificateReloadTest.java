package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A renewed certificate is taken without a restart (ADR 0197): replaced files are noticed, new
 * connections present the new certificate, connections already open carry on with theirs, and a
 * broken file leaves the running certificate alone.
 */
class CertificateReloadTest {

  @TempDir Path data;
  @TempDir Path etc;

  private final SelfSignedCertificateGenerator generator = new SelfSignedCertificateGenerator();

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void replacedFilesReachNewConnectionsWhileAnOpenOneCarriesOn(TlsProvider provider)
      throws Exception {
    TlsMaterial first = generator.generate(Instant.now());
    TlsMaterial second = generator.generate(Instant.now());
    install(first);
    SSLContext client = trusting(first.leaf(), second.leaf());
    try (TestedNode tested = TestedNode.start(settings(provider));
        SSLSocket old = imaps(client, tested.clients())) {
      MailvaultNode node = tested.clients();
      LineConnection oldImap = new LineConnection(old);
      assertThat(oldImap.line()).startsWith("* OK");
      assertThat(presented(old)).isEqualTo(first.leaf());

      // As certbot or an operator does: new files renamed over the old ones, no signal sent.
      install(second);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> presentedToNewConnection(client, node).equals(second.leaf()));
      oldImap.expect("a1 NOOP", "a1 OK");
      assertThat(presented(old)).isEqualTo(first.leaf());
    }
  }

  @Test
  void brokenNewFilesKeepTheRunningCertificate() throws Exception {
    TlsMaterial first = generator.generate(Instant.now());
    install(first);
    SSLContext client = trusting(first.leaf());
    try (TestedNode tested = TestedNode.start(settings(TlsProvider.preferred()))) {
      // The node clients reach with TLS: the front-end in a cluster.
      MailvaultNode node = tested.clients();
      Files.writeString(etc.resolve("cert.pem"), "not a certificate\n");

      assertThat(node.reloadTls()).isFalse();
      assertThat(presentedToNewConnection(client, node)).isEqualTo(first.leaf());

      // A key that is not the certificate's is refused the same way.
      install(new TlsMaterial(first.chain(), generator.generate(Instant.now()).key()));
      assertThat(node.reloadTls()).isFalse();
      assertThat(presentedToNewConnection(client, node)).isEqualTo(first.leaf());
    }
  }

  /** The signal an operator sends: a real SIGHUP to this JVM runs the action, not the shutdown. */
  @Test
  void sighupRunsTheReload() throws Exception {
    CountDownLatch reloaded = new CountDownLatch(1);
    try (AutoCloseable handler = HangupSignal.onHangup(reloaded::countDown)) {
      Process kill =
          new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
              .inheritIO()
              .start();
      assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).isZero();
      assertThat(reloaded.await(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private void install(TlsMaterial material) throws Exception {
    replace(etc.resolve("cert.pem"), PemFiles.encodeChain(material.chain()));
    replace(etc.resolve("key.pem"), PemFiles.encodeKey(material.key()));
  }

  private void replace(Path target, byte[] content) throws Exception {
    Path temp = Files.createTempFile(etc, ".new-", ".pem");
    Files.write(temp, content);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private Map<Setting, String> settings(TlsProvider provider) throws Exception {
    Map<Setting, String> values = LoopbackNode.settings(data, "mx.example.test");
    values.put(Setting.TLS_CERT, etc.resolve("cert.pem").toString());
    values.put(Setting.TLS_KEY, etc.resolve("key.pem").toString());
    values.put(
        Setting.TLS_PROVIDER, provider == TlsProvider.BORINGSSL ? "boringssl" : "bouncycastle");
    return values;
  }

  private static SSLSocket imaps(SSLContext client, MailvaultNode node) throws Exception {
    Socket plain = new Socket("127.0.0.1", node.imapsPort());
    plain.setSoTimeout(30_000);
    SSLSocket socket =
        (SSLSocket)
            client.getSocketFactory().createSocket(plain, "127.0.0.1", node.imapsPort(), true);
    socket.startHandshake();
    return socket;
  }

  private static Certificate presentedToNewConnection(SSLContext client, MailvaultNode node)
      throws Exception {
    try (SSLSocket socket = imaps(client, node)) {
      socket.getOutputStream().write("a0 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
      return presented(socket);
    }
  }

  private static Certificate presented(SSLSocket socket) throws Exception {
    return socket.getSession().getPeerCertificates()[0];
  }

  private static SSLContext trusting(X509Certificate... certificates) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certificates.length; i++) {
      trust.setCertificateEntry("c" + i, certificates[i]);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), new SecureRandom());
    return context;
  }
}
