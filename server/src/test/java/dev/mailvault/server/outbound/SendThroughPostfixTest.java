package dev.mailvault.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.mailauth.testing.DnsmasqZone;
import dev.mailvault.outbound.testing.PostfixPeer;
import dev.mailvault.outbound.testing.TestCa;
import dev.mailvault.server.cli.CliProcess;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13's Must-show for sending: real mail programs (Angus Mail, Python's smtplib, swaks, msmtp)
 * submit over STARTTLS with AUTH PLAIN, trusting the server's own certificate; the message goes
 * through the queue to the MX that a dnsmasq zone names, Debian's Postfix with its own certificate,
 * over STARTTLS; and what Postfix delivers carries an Ed25519 and an RSA DKIM signature that dkimpy
 * (an independent verifier) accepts, with the keys {@code domain add} made and {@code domain dns}
 * printed, published in the same zone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SendThroughPostfixTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "example.com";
  private static final String ALIAS = "author@" + DOMAIN;
  private static final String PASSWORD = "a long enough password";
  private static final List<String> CLIENTS = List.of("angus", "smtplib", "swaks", "msmtp");

  /**
   * dkimpy verifies each DKIM-Signature of the message on stdin, asking the test zone for keys
   * (argv: resolver address, port); prints one line per signature: its algorithm and the verdict.
   */
  private static final String DKIMVERIFY =
      String.join(
          "\n",
          "import sys, dkim, dns.resolver",
          "resolver = dns.resolver.Resolver(configure=False)",
          "resolver.nameservers = [sys.argv[1]]",
          "resolver.port = int(sys.argv[2])",
          "def dnsfunc(name, timeout=5):",
          "    name = name.decode() if isinstance(name, bytes) else name",
          "    try:",
          "        answer = resolver.resolve(name, 'TXT')",
          "    except Exception:",
          "        return None",
          "    return b''.join(answer[0].strings)",
          "message = sys.stdin.buffer.read()",
          "d = dkim.DKIM(message)",
          "signatures = [v for k, v in d.headers if k.lower() == b'dkim-signature']",
          "for i, value in enumerate(signatures):",
          "    tags = dkim.util.parse_tag_value(value)",
          "    try:",
          "        ok = d.verify(idx=i, dnsfunc=dnsfunc)",
          "    except dkim.ValidationError:",
          "        ok = False",
          "    print(tags[b'a'].decode(), tags[b'd'].decode(), 'pass' if ok else 'fail')",
          "");

  private Path work;
  private Path data;
  private DnsmasqZone zone;
  private PostfixPeer peer;
  private TestedNode node;
  private Path serverCertificate;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    work = dir;
    data = dir.resolve("d");
    CliProcess cli = TestedNode.cli(data, Map.of("MAILVAULT_SMTP_HOSTNAME", "mail." + DOMAIN));
    assertThat(cli.run("domain", "add", DOMAIN).exitCode()).isZero();
    assertThat(
            cli.runWithInput(PASSWORD + "\n", "alias", "add", ALIAS, "--password-stdin").exitCode())
        .isZero();
    CliProcess.Result dns = cli.run("domain", "dns", DOMAIN, "--json");
    assertThat(dns.exitCode()).as(dns.stderr()).isZero();

    DnsmasqZone records =
        new DnsmasqZone()
            .mx("remote.test", "mx.remote.test", 10)
            .host("mx.remote.test", "127.0.0.2");
    int selectors = 0;
    for (JsonNode record : JSON.readTree(dns.stdout()).get("records")) {
      String name = record.get("name").asText();
      if (record.get("type").asText().equals("TXT") && name.contains("._domainkey.")) {
        records.txt(name.substring(0, name.length() - 1), record.get("data").asText());
        selectors++;
      }
    }
    assertThat(selectors).as("domain dns prints an Ed25519 and an RSA selector").isEqualTo(2);
    zone = records.start(Files.createDirectories(dir.resolve("dns")));

    PostfixPeer configured =
        new PostfixPeer(
                Files.createDirectories(dir.resolve("postfix")), "127.0.0.2", "mx.remote.test")
            .certificate(TestCa.create("Remote Test CA").issue("mx.remote.test"));
    for (String client : CLIENTS) {
      configured.mailbox(client + "@remote.test");
    }
    peer = configured.start();

    Map<Setting, String> values = new EnumMap<>(Setting.class);
    values.put(Setting.DATA, data.toString());
    values.put(Setting.BIND, "127.0.0.1");
    for (Setting port :
        List.of(
            Setting.HTTP_PORT,
            Setting.HTTPS_PORT,
            Setting.IMAP_PORT,
            Setting.IMAPS_PORT,
            Setting.POP3_PORT,
            Setting.POP3S_PORT,
            Setting.MANAGESIEVE_PORT,
            Setting.SMTP_PORT,
            Setting.SUBMISSION_PORT,
            Setting.SUBMISSIONS_PORT)) {
      values.put(port, "0");
    }
    values.put(Setting.SMTP_HOSTNAME, "mail." + DOMAIN);
    values.put(Setting.DNS_RESOLVERS, zone.server());
    values.put(Setting.OUTBOUND_SMTP_PORT, Integer.toString(peer.port()));
    node = TestedNode.start(values);
    serverCertificate = node.tlsCertificate();
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (zone != null) {
      zone.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"angus", "smtplib", "swaks", "msmtp"})
  void aSubmittedMessageArrivesAtPostfixSignedWithEd25519AndRsa(String client) throws Exception {
    String recipient = client + "@remote.test";
    String subject = "sent with " + client;
    Path message = work.resolve(client + ".eml");
    Files.writeString(
        message,
        "From: <"
            + ALIAS
            + ">\r\nTo: <"
            + recipient
            + ">\r\nSubject: "
            + subject
            + "\r\n\r\nA message from "
            + client
            + ", signed by the server.\r\n",
        StandardCharsets.US_ASCII);

    switch (client) {
      case "angus" -> angus(recipient, subject);
      case "smtplib" -> run(smtplib(recipient, message));
      case "swaks" -> run(swaks(recipient, message));
      case "msmtp" -> run(msmtp(recipient, message));
      default -> throw new AssertionError(client);
    }

    byte[] delivered = peer.awaitMessages(recipient, 1).get(0);
    String text = new String(delivered, StandardCharsets.UTF_8);
    assertThat(text).contains("Subject: " + subject);
    // Postfix's Received field says the queue reached it over STARTTLS.
    assertThat(text).containsPattern("(?s)Received: from .*\\(using TLS");
    assertThat(dkimpy(delivered))
        .as("dkimpy on what %s sent", client)
        .containsExactlyInAnyOrder(
            "ed25519-sha256 " + DOMAIN + " pass", "rsa-sha256 " + DOMAIN + " pass");
  }

  /** Angus Mail's SMTP transport: STARTTLS required, the server's certificate trusted. */
  private void angus(String recipient, String subject) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", Integer.toString(node.submissionPort()));
    properties.put("mail.smtp.auth", "true");
    properties.put("mail.smtp.starttls.enable", "true");
    properties.put("mail.smtp.starttls.required", "true");
    properties.put("mail.smtp.ssl.socketFactory", trusting(serverCertificate).getSocketFactory());
    properties.put("mail.smtp.ssl.checkserveridentity", "false");
    properties.put("mail.smtp.connectiontimeout", "20000");
    properties.put("mail.smtp.timeout", "20000");
    Session session = Session.getInstance(properties);
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(new InternetAddress(ALIAS));
    mime.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    mime.setSubject(subject);
    mime.setText("A message from angus, signed by the server.\n", "UTF-8");
    Transport.send(mime, ALIAS, PASSWORD);
  }

  private List<String> smtplib(String recipient, Path message) throws Exception {
    Path script = work.resolve("send.py");
    Files.writeString(
        script,
        String.join(
            "\n",
            "import smtplib, ssl, sys",
            "port, user, password, rcpt, path, ca = sys.argv[1:7]",
            "ctx = ssl.create_default_context(cafile=ca)",
            "ctx.check_hostname = False",
            "with smtplib.SMTP('127.0.0.1', int(port), timeout=20) as s:",
            "    s.starttls(context=ctx)",
            "    s.login(user, password)",
            "    s.sendmail(user, [rcpt], open(path, 'rb').read())",
            ""));
    return List.of(
        "/usr/bin/python3",
        script.toString(),
        Integer.toString(node.submissionPort()),
        ALIAS,
        PASSWORD,
        recipient,
        message.toString(),
        serverCertificate.toString());
  }

  private List<String> swaks(String recipient, Path message) {
    return List.of(
        "swaks",
        "--server",
        "127.0.0.1",
        "--port",
        Integer.toString(node.submissionPort()),
        "--tls",
        "--tls-verify",
        "--tls-ca-path",
        serverCertificate.toString(),
        "--auth",
        "PLAIN",
        "--auth-user",
        ALIAS,
        "--auth-password",
        PASSWORD,
        "--from",
        ALIAS,
        "--to",
        recipient,
        "--data",
        "@" + message);
  }

  /** msmtp pins the server's certificate by its SHA-256 fingerprint. */
  private List<String> msmtp(String recipient, Path message) throws Exception {
    return List.of(
        "sh",
        "-c",
        "exec msmtp \"$@\" < \"$0\"",
        message.toString(),
        "--host=127.0.0.1",
        "--port=" + node.submissionPort(),
        "--tls=on",
        "--tls-starttls=on",
        "--tls-fingerprint=" + fingerprint(serverCertificate),
        "--auth=plain",
        "--user=" + ALIAS,
        "--passwordeval=echo '" + PASSWORD + "'",
        "--from=" + ALIAS,
        recipient);
  }

  private void run(List<String> command) throws Exception {
    Path log = Files.createTempFile(work, "client", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("client finished").isTrue();
      assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  /** dkimpy's verdict per signature; Maildir's LF line ends go back to CRLF as on the wire. */
  private List<String> dkimpy(byte[] delivered) throws Exception {
    Path script = work.resolve("dkimverify.py");
    Files.writeString(script, DKIMVERIFY);
    String server = zone.server();
    Process process =
        new ProcessBuilder(
                "/usr/bin/python3",
                script.toString(),
                server.substring(0, server.indexOf(':')),
                server.substring(server.indexOf(':') + 1))
            .redirectErrorStream(true)
            .start();
    try (var in = process.getOutputStream()) {
      in.write(
          new String(delivered, StandardCharsets.UTF_8)
              .replace("\r\n", "\n")
              .replace("\n", "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return new ArrayList<>(output.lines().toList());
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static String fingerprint(Path pem) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate(pem).getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("mailvault", certificate(pem));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
