package dev.mailvault.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.smtp.server.LiveSmtpServer;
import dev.mailvault.smtp.server.LiveSubmissionServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients nobody here wrote log in and send through submission (RFC 6409): Angus Mail on both
 * ports, Python's smtplib, swaks and msmtp. Each message must reach the outbox with the envelope
 * the client gave, its Bcc gone.
 */
class SubmissionClientsTest {

  @TempDir static Path data;
  @TempDir Path work;

  private static LiveSubmissionServer server;
  private static String password;

  @BeforeAll
  static void start() throws Exception {
    server = LiveSubmissionServer.start(data);
    password = server.addAlias("alice@example.com");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The test certificate as PEM, for the clients that take a trust file. */
  private Path certificateFile() throws Exception {
    Path pem = work.resolve("test-cert.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(LiveSmtpServer.certificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    return pem;
  }

  private static OutboundMessage arrived(int before, String to) {
    assertThat(server.outbox().messages()).hasSize(before + 1);
    OutboundMessage got = server.outbox().last();
    assertThat(got.mailFrom()).isEqualTo("alice@example.com");
    assertThat(got.sender()).isEqualTo("alice@example.com");
    assertThat(got.recipients()).containsExactly(OutboundRecipient.of(to));
    return got;
  }

  private static String text(OutboundMessage message) {
    return new String(message.raw(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ Angus Mail

  private static Session angus(boolean implicitTls) throws Exception {
    Properties props = new Properties();
    String p = implicitTls ? "mail.smtps." : "mail.smtp.";
    props.put(p + "host", "127.0.0.1");
    props.put(p + "port", Integer.toString(implicitTls ? server.tlsPort() : server.port()));
    props.put(p + "localhost", "angus.example");
    props.put(p + "timeout", "10000");
    props.put(p + "auth", "true");
    props.put(p + "ssl.socketFactory", LiveSmtpServer.trustingSocketFactory());
    props.put(p + "ssl.checkserveridentity", "false");
    if (!implicitTls) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    return Session.getInstance(props);
  }

  private void sendWithAngus(boolean implicitTls, String to) throws Exception {
    Session session = angus(implicitTls);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("alice@example.com", "Alice"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setRecipient(Message.RecipientType.BCC, new InternetAddress("hidden@far.example"));
    message.setSubject("from Angus");
    message.setText("Hello from Angus.\n");
    message.saveChanges();
    try (Transport transport = session.getTransport(implicitTls ? "smtps" : "smtp")) {
      transport.connect("alice@example.com", password);
      transport.sendMessage(message, new InternetAddress[] {new InternetAddress(to)});
    }
  }

  @Test
  void angusMailWithStartTls() throws Exception {
    int before = server.outbox().messages().size();
    sendWithAngus(false, "bob@far.example");
    OutboundMessage got = arrived(before, "bob@far.example");
    assertThat(text(got)).contains("Subject: from Angus").doesNotContain("hidden@");
  }

  @Test
  void angusMailOnTheImplicitTlsPort() throws Exception {
    int before = server.outbox().messages().size();
    sendWithAngus(true, "carol@far.example");
    assertThat(text(arrived(before, "carol@far.example"))).contains("Hello from Angus.");
  }

  // ------------------------------------------------------------------ smtplib

  @Test
  void pythonSmtplibLogsInAndSendsAMessage() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is missing");
    Path script = work.resolve("send.py");
    Files.writeString(
        script,
        String.join(
            "\n",
            "import smtplib, ssl, sys",
            "from email.message import EmailMessage",
            "port, cafile, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]",
            "context = ssl.create_default_context(cafile=cafile)",
            "context.check_hostname = False",
            "msg = EmailMessage()",
            "msg['From'] = 'Alice <alice@example.com>'",
            "msg['To'] = 'dave@far.example'",
            "msg['Bcc'] = 'hidden@far.example'",
            "msg['Subject'] = 'from smtplib'",
            "msg.set_content('Hello from Python.')",
            "with smtplib.SMTP('127.0.0.1', port, local_hostname='python.example') as s:",
            "    s.starttls(context=context)",
            "    s.login('alice@example.com', password)",
            "    s.send_message(msg, to_addrs=['dave@far.example'])",
            "print('sent')",
            ""));
    int before = server.outbox().messages().size();
    ExternalProgram.Result result =
        ExternalProgram.run(
                work,
                Map.of(),
                Duration.ofSeconds(30),
                List.of(
                    "/usr/bin/python3",
                    script.toString(),
                    Integer.toString(server.port()),
                    certificateFile().toString(),
                    password))
            .requireSuccess();
    assertThat(result.output()).contains("sent");
    assertThat(text(arrived(before, "dave@far.example")))
        .contains("Subject: from smtplib", "Hello from Python.")
        .doesNotContain("hidden@");
  }

  // ------------------------------------------------------------------ swaks

  @Test
  void swaksWithAuthPlainOverStartTls() throws Exception {
    assumeTrue(ExternalProgram.installed("swaks"), "swaks is not installed");
    int before = server.outbox().messages().size();
    ExternalProgram.run(
            work,
            Map.of(),
            Duration.ofSeconds(30),
            List.of(
                "swaks",
                "--server",
                "127.0.0.1",
                "--port",
                Integer.toString(server.port()),
                "--ehlo",
                "swaks.example",
                "--tls",
                "--auth",
                "PLAIN",
                "--auth-user",
                "alice@example.com",
                "--auth-password",
                password,
                "--from",
                "alice@example.com",
                "--to",
                "erin@far.example",
                "--header",
                "From: alice@example.com",
                "--header",
                "Subject: from swaks"))
        .requireSuccess();
    assertThat(text(arrived(before, "erin@far.example"))).contains("Subject: from swaks");
  }

  // ------------------------------------------------------------------ msmtp

  @Test
  void msmtpWithAConfigurationFile() throws Exception {
    assumeTrue(ExternalProgram.installed("msmtp"), "msmtp is not installed");
    Path config = work.resolve("msmtprc");
    Files.writeString(
        config,
        String.join(
            "\n",
            "account submission",
            "host 127.0.0.1",
            "port " + server.port(),
            "domain msmtp.example",
            "tls on",
            "tls_starttls on",
            "tls_certcheck off",
            "auth login",
            "user alice@example.com",
            "password " + password,
            "from alice@example.com",
            "account default : submission",
            ""));
    // msmtp refuses a configuration file others may read: it holds a password.
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    Path message = work.resolve("message.eml");
    Files.writeString(
        message,
        "From: alice@example.com\nTo: frank@far.example\nBcc: hidden@far.example\n"
            + "Subject: from msmtp\n\nHello from msmtp.\n");
    int before = server.outbox().messages().size();
    ExternalProgram.run(
            work,
            Map.of(),
            Duration.ofSeconds(30),
            List.of("sh", "-c", "msmtp -C '" + config + "' frank@far.example < '" + message + "'"))
        .requireSuccess();
    assertThat(text(arrived(before, "frank@far.example")))
        .contains("Subject: from msmtp", "Hello from msmtp.")
        .doesNotContain("hidden@");
  }
}
