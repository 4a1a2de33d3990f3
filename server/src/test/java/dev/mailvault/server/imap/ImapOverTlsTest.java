package dev.mailvault.server.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} runs IMAP with STARTTLS and with implicit TLS from the certificate it generated
 * under the data directory (issue 3), and nothing a client sends before the TLS handshake is obeyed
 * after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImapOverTlsTest {

  private static final String PASSWORD = "a long enough password";

  private TestedNode node;
  private SSLContext trustGenerated;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    Map<Setting, String> settings =
        Map.ofEntries(
            Map.entry(Setting.DATA, data.toString()),
            Map.entry(Setting.BIND, "127.0.0.1"),
            Map.entry(Setting.HTTP_PORT, "0"),
            Map.entry(Setting.HTTPS_PORT, "0"),
            Map.entry(Setting.IMAP_PORT, "0"),
            Map.entry(Setting.IMAPS_PORT, "0"),
            Map.entry(Setting.POP3_PORT, "0"),
            Map.entry(Setting.POP3S_PORT, "0"),
            Map.entry(Setting.SUBMISSION_PORT, "0"),
            Map.entry(Setting.SUBMISSIONS_PORT, "0"),
            Map.entry(Setting.SMTP_PORT, "0"),
            Map.entry(Setting.MANAGESIEVE_PORT, "0"));
    node = TestedNode.start(settings);
    node.directory().addDomain(EmailAddress.parse("hello@example.com").domain());
    new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
        .create(EmailAddress.parse("hello@example.com"), PASSWORD.toCharArray())
        .close();
    trustGenerated = trusting(node.tlsCertificate());
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void implicitTlsServesLogin() throws Exception {
    try (SSLSocket socket =
        (SSLSocket) trustGenerated.getSocketFactory().createSocket("127.0.0.1", node.imapsPort())) {
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      assertThat(line(in)).startsWith("* OK [CAPABILITY IMAP4rev2").doesNotContain("STARTTLS");
      assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
      send(out, "a1 LOGIN hello@example.com \"" + PASSWORD + "\"");
      assertThat(line(in)).startsWith("a1 OK");
      send(out, "a2 SELECT INBOX");
      assertThat(untilTagged(in, "a2"))
          .contains("* 0 EXISTS")
          .last()
          .asString()
          .startsWith("a2 OK");
    }
  }

  @Test
  void startTlsDiscardsWhatWasSentBeforeTheHandshake() throws Exception {
    try (Socket plain = new Socket("127.0.0.1", node.imapPort())) {
      plain.setSoTimeout(30_000);
      InputStream in = plain.getInputStream();
      OutputStream out = plain.getOutputStream();
      assertThat(line(in)).contains("STARTTLS");
      // An attacker on the path appends a command to the plaintext STARTTLS (RFC 9051 §11.1).
      out.write("a1 STARTTLS\r\na2 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(line(in)).isEqualTo("a1 OK Begin TLS negotiation now");
      try (SSLSocket tls =
          (SSLSocket)
              trustGenerated
                  .getSocketFactory()
                  .createSocket(plain, "127.0.0.1", node.imapPort(), true)) {
        tls.startHandshake();
        InputStream tin = tls.getInputStream();
        OutputStream tout = tls.getOutputStream();
        send(tout, "a3 CAPABILITY");
        String capability = line(tin);
        assertThat(capability).startsWith("* CAPABILITY").doesNotContain("STARTTLS");
        assertThat(line(tin)).isEqualTo("a3 OK CAPABILITY completed");
        send(tout, "a4 LOGIN hello@example.com \"" + PASSWORD + "\"");
        assertThat(line(tin)).startsWith("a4 OK");
      }
    }
  }

  private static SSLContext trusting(Path pem) throws Exception {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(pem)) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("mailvault", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static void send(OutputStream out, String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static java.util.List<String> untilTagged(InputStream in, String tag) throws IOException {
    java.util.List<String> lines = new java.util.ArrayList<>();
    String line;
    do {
      line = line(in);
      lines.add(line);
    } while (!line.startsWith(tag + " "));
    return lines;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] raw = bytes.toByteArray();
        return new String(raw, 0, raw.length - 1, StandardCharsets.UTF_8);
      }
      bytes.write(b);
      previous = b;
    }
    return "<closed>";
  }
}
