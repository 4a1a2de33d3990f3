package dev.mailvault.outbound.dsn;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A DSN as an independent parser (Angus Mail) reads it: the message, its three parts, and the
 * delivery-status fields split into the per-message block and one block per recipient (RFC 3464
 * §2.1).
 */
public final class ParsedDsn {

  public final MimeMessage message;
  public final MimeMultipart report;
  public final InternetHeaders perMessage;
  public final List<InternetHeaders> recipients = new ArrayList<>();
  public final String humanText;
  public final String returned;

  private ParsedDsn(byte[] raw) throws Exception {
    message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    report = (MimeMultipart) message.getContent();
    humanText = text(report.getBodyPart(0));
    String status = text(report.getBodyPart(1));
    String[] blocks = status.replace("\r\n", "\n").trim().split("\n\\s*\n");
    perMessage = headers(blocks[0]);
    for (int i = 1; i < blocks.length; i++) {
      recipients.add(headers(blocks[i]));
    }
    returned = text(report.getBodyPart(2));
  }

  public static ParsedDsn parse(byte[] raw) throws Exception {
    return new ParsedDsn(raw);
  }

  public String contentType(int part) throws Exception {
    return report.getBodyPart(part).getContentType();
  }

  private static InternetHeaders headers(String block) throws Exception {
    return new InternetHeaders(
        new ByteArrayInputStream((block + "\n\n").getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(BodyPart part) throws Exception {
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
