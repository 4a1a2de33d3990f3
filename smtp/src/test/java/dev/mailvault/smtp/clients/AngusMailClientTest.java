package dev.mailvault.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.smtp.server.LiveSmtpServer;
import dev.mailvault.smtp.server.RecordingDelivery;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eclipse Angus Mail's SMTP transport sends to the live MX, plain and with STARTTLS required; the
 * stored message is byte for byte what the transport wrote. Angus does not use BDAT.
 */
class AngusMailClientTest {

  @TempDir static Path data;

  private static LiveSmtpServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveSmtpServer.start(data);
    server.addAlias("hello@example.com");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Session session(boolean tls) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(server.port()));
    props.put("mail.smtp.localhost", "angus.example");
    props.put("mail.smtp.timeout", "10000");
    if (tls) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
      props.put("mail.smtp.ssl.socketFactory", LiveSmtpServer.trustingSocketFactory());
      props.put("mail.smtp.ssl.checkserveridentity", "false");
    }
    return Session.getInstance(props);
  }

  private static MimeMessage message(Session session) throws Exception {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("angus@far.example"));
    message.setRecipients(Message.RecipientType.TO, "hello@example.com");
    message.setSubject("from Angus, \u00e9t\u00e9", "UTF-8");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Hello\n.dot line\nbye\n", "UTF-8");
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setContent(new byte[] {0, 1, 2, (byte) 0xff}, "application/octet-stream");
    attachment.setFileName("bytes.bin");
    message.setContent(new MimeMultipart(text, attachment));
    message.saveChanges();
    return message;
  }

  private static RecordingDelivery.Delivered send(boolean tls) throws Exception {
    int before = server.delivery().delivered().size();
    Session session = session(tls);
    MimeMessage message = message(session);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    message.writeTo(expected);
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      // sendMessage, not Transport.send: that would call saveChanges and a new Message-ID.
      transport.sendMessage(message, message.getAllRecipients());
    }
    assertThat(server.delivery().delivered()).hasSize(before + 1);
    RecordingDelivery.Delivered got = server.delivery().last();
    assertThat(new String(StoredMessage.afterTrace(got.message().raw()), StandardCharsets.UTF_8))
        .isEqualTo(StoredMessage.crlf(expected.toString(StandardCharsets.UTF_8)));
    assertThat(got.message().mailFrom()).isEqualTo("angus@far.example");
    return got;
  }

  @Test
  void plain() throws Exception {
    assertThat(StoredMessage.trace(send(false).message().raw()))
        .contains("Received: from angus.example ([127.0.0.1])")
        .contains(" with ESMTP id ");
  }

  @Test
  void startTlsRequired() throws Exception {
    assertThat(StoredMessage.trace(send(true).message().raw()))
        .contains(" with ESMTPS id ")
        .contains("(using TLSv1.3 with cipher ");
  }

  @Test
  void aRefusedRecipientIsReportedWithItsCode() throws Exception {
    Session session = session(false);
    MimeMessage message = message(session);
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      assertThatThrownBy(
              () ->
                  transport.sendMessage(
                      message, new Address[] {new InternetAddress("nobody@example.com")}))
          .isInstanceOf(SendFailedException.class)
          .hasStackTraceContaining("550 5.1.1 No such mailbox here");
    }
  }
}
