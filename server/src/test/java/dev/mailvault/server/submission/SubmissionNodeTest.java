package dev.mailvault.server.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.server.outbound.DeferringNetwork;
import dev.mailvault.store.spool.SpoolStore;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node serves submission on both ports from the settings, with the node's certificate and
 * directory, and what it accepts waits in the node's outbound queue (whose network delivery here is
 * a transmitter that keeps every remote recipient deferred, so the entry stays listed).
 */
class SubmissionNodeTest {

  private static final String PASSWORD = "a long enough password";

  @TempDir Path data;

  private Map<Setting, String> settings() {
    return Map.ofEntries(
        Map.entry(Setting.DATA, data.toString()),
        Map.entry(Setting.BIND, "127.0.0.1"),
        Map.entry(Setting.HTTP_PORT, "0"),
        Map.entry(Setting.HTTPS_PORT, "0"),
        Map.entry(Setting.IMAP_PORT, "0"),
        Map.entry(Setting.IMAPS_PORT, "0"),
        Map.entry(Setting.POP3_PORT, "0"),
        Map.entry(Setting.POP3S_PORT, "0"),
        Map.entry(Setting.MANAGESIEVE_PORT, "0"),
        Map.entry(Setting.SMTP_PORT, "0"),
        Map.entry(Setting.SMTP_HOSTNAME, "node.test"),
        Map.entry(Setting.SUBMISSION_PORT, "0"),
        Map.entry(Setting.SUBMISSIONS_PORT, "0"),
        Map.entry(Setting.SUBMISSION_MESSAGES_PER_HOUR, "1"));
  }

  @Test
  void angusMailSendsThroughBothPortsOfARunningNode() throws Exception {
    DeferringNetwork network = new DeferringNetwork();
    try (TestedNode node = TestedNode.start(settings(), network)) {
      node.directory().addDomain(EmailAddress.parse("alice@example.com").domain());
      new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
          .create(EmailAddress.parse("alice@example.com"), PASSWORD.toCharArray())
          .close();
      SSLContext trust = trusting(node.tlsCertificate());

      send(trust, "smtps", node.submissionsPort());
      assertThat(node.outboundQueue().list()).hasSize(1);
      assertThat(node.outboundQueue().list().get(0).domains()).containsExactly("far.example");
      await().until(() -> !network.attempts().isEmpty());
      DeliveryAttempt got = network.attempts().get(0);
      assertThat(got.mailFrom()).isEqualTo("alice@example.com");
      assertThat(got.recipients()).containsExactly(OutboundRecipient.of("bob@far.example"));
      assertThat(new String(got.raw(), StandardCharsets.UTF_8))
          .contains("Subject: through the node")
          .doesNotContain("Received:");

      // submission.messages-per-hour is 1: the second message waits (450 4.7.1).
      assertThatThrownBy(() -> send(trust, "smtp", node.submissionPort()))
          .isInstanceOf(MessagingException.class)
          .hasStackTraceContaining("450 4.7.1");
      assertThat(node.outboundQueue().list()).hasSize(1);
    }
  }

  private static void send(SSLContext trust, String protocol, int port) throws Exception {
    Properties props = new Properties();
    String p = "mail." + protocol + ".";
    props.put(p + "host", "127.0.0.1");
    props.put(p + "port", Integer.toString(port));
    props.put(p + "auth", "true");
    props.put(p + "timeout", "10000");
    props.put(p + "ssl.socketFactory", trust.getSocketFactory());
    props.put(p + "ssl.checkserveridentity", "false");
    if (protocol.equals("smtp")) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    Session session = Session.getInstance(props);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("alice@example.com"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@far.example"));
    message.setSubject("through the node");
    message.setText("Hello.\n");
    try (Transport transport = session.getTransport(protocol)) {
      transport.connect("alice@example.com", PASSWORD);
      transport.sendMessage(
          message, new InternetAddress[] {new InternetAddress("bob@far.example")});
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
}
