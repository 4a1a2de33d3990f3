package dev.mailvault.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic test mail, deterministic for a seed: plain-text letters with the headers a delivered
 * message carries, and multipart/mixed messages with a base64 attachment of random bytes. Every
 * message gets a unique Message-ID and its own Date, built from a sequence number.
 */
public final class SyntheticMail {

  /** Binary bytes of the attachment whose base64 form, with line breaks, is about 1 MB. */
  public static final int ONE_MB_ATTACHMENT = 768 * 1024;

  private static final String[] FIRST = {
    "Alice", "Bruno", "Chloe", "Daniel", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Katarzyna", "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tomoko"
  };
  private static final String[] LAST = {
    "Anderson", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito",
    "Jensen", "Kowalski", "Lambert", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Silva"
  };
  private static final String[] DOMAINS = {
    "example.com", "example.org", "example.net", "mail.example.com", "corp.example"
  };
  private static final DateTimeFormatter RFC5322_DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
  private static final Instant EPOCH = Instant.parse("2024-03-01T08:00:00Z");
  private static final Base64.Encoder MIME_BASE64 =
      Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));

  private final SplittableRandom random;
  private final EnglishText text;

  public SyntheticMail(long seed) {
    this.random = new SplittableRandom(seed);
    this.text = new EnglishText(random.split());
  }

  /** English-like prose of at least {@code bytes} bytes, CRLF line ends. */
  public String body(int bytes) {
    return text.paragraphs(bytes);
  }

  /**
   * A text/plain letter whose whole size is about {@code size} bytes (headers included).
   *
   * @param sequence makes the Message-ID and Date unique
   */
  public byte[] textMessage(long sequence, int size) {
    String headers = headers(sequence, "text/plain; charset=utf-8", "7bit");
    return textMessage(headers, body(Math.max(0, size - headers.length())));
  }

  /** A text/plain letter with fresh headers for {@code sequence} around an existing body. */
  public byte[] textMessage(long sequence, String body) {
    return textMessage(headers(sequence, "text/plain; charset=utf-8", "7bit"), body);
  }

  /**
   * A multipart/mixed message (RFC 2046 §5.1.3): a short text part and {@code attachment} as an
   * application/octet-stream part in base64 (RFC 2045 §6.8, 76-character lines).
   */
  public byte[] attachmentMessage(long sequence, byte[] attachment) {
    String boundary = "=_mv_" + Long.toHexString(random.nextLong());
    String headers = headers(sequence, "multipart/mixed; boundary=\"" + boundary + "\"", null);
    ByteArrayOutputStream out = new ByteArrayOutputStream(attachment.length * 4 / 3 + 8192);
    write(out, headers);
    write(out, "This is a multi-part message in MIME format.\r\n");
    write(out, "\r\n--" + boundary + "\r\n");
    write(
        out, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
    write(out, body(600));
    write(out, "\r\n--" + boundary + "\r\n");
    String name = text.word() + "-" + sequence + ".bin";
    write(out, "Content-Type: application/octet-stream; name=\"" + name + "\"\r\n");
    write(out, "Content-Disposition: attachment; filename=\"" + name + "\"\r\n");
    write(out, "Content-Transfer-Encoding: base64\r\n\r\n");
    out.writeBytes(MIME_BASE64.encode(attachment));
    write(out, "\r\n--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  /** {@code length} random bytes: what a compressed or encrypted attachment looks like. */
  public byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; ) {
      long r = random.nextLong();
      for (int k = 0; k < 8 && i < length; k++, r >>>= 8) {
        bytes[i++] = (byte) r;
      }
    }
    return bytes;
  }

  private byte[] textMessage(String headers, String body) {
    return (headers + body).getBytes(StandardCharsets.UTF_8);
  }

  /** The header block of a delivered message, ending with the empty line. */
  private String headers(long sequence, String contentType, String transferEncoding) {
    String from = person();
    String to = person();
    Instant sent = EPOCH.plusSeconds(sequence * 37 + random.nextInt(30));
    String date = RFC5322_DATE.format(sent.atOffset(ZoneOffset.ofHours(random.nextInt(5) - 2)));
    String host = DOMAINS[random.nextInt(DOMAINS.length)];
    String messageId =
        Long.toString(sequence, 36) + "." + Long.toHexString(random.nextLong()) + "@" + host;
    StringBuilder h = new StringBuilder(900);
    h.append("Return-Path: <").append(address(from)).append(">\r\n");
    h.append("Received: from mx")
        .append(random.nextInt(9) + 1)
        .append('.')
        .append(host)
        .append(" (mx.")
        .append(host)
        .append(" [192.0.2.")
        .append(random.nextInt(250) + 1)
        .append("])\r\n\tby mail.example.com with ESMTPS id ")
        .append(Long.toHexString(random.nextLong()))
        .append("\r\n\tfor <")
        .append(address(to))
        .append(">; ")
        .append(date)
        .append("\r\n");
    h.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=")
        .append(host)
        .append("; s=mail;\r\n\th=from:to:subject:date:message-id; bh=")
        .append(Base64.getEncoder().encodeToString(randomBytes(32)))
        .append(";\r\n\tb=")
        .append(Base64.getEncoder().encodeToString(randomBytes(96)))
        .append("\r\n");
    h.append("From: ").append(from).append(" <").append(address(from)).append(">\r\n");
    h.append("To: ").append(to).append(" <").append(address(to)).append(">\r\n");
    h.append("Subject: ").append(subject()).append("\r\n");
    h.append("Date: ").append(date).append("\r\n");
    h.append("Message-ID: <").append(messageId).append(">\r\n");
    h.append("MIME-Version: 1.0\r\n");
    h.append("Content-Type: ").append(contentType).append("\r\n");
    if (transferEncoding != null) {
      h.append("Content-Transfer-Encoding: ").append(transferEncoding).append("\r\n");
    }
    return h.append("\r\n").toString();
  }

  private String subject() {
    String s = text.sentence();
    s = s.substring(0, s.length() - 1);
    if (s.length() > 60) {
      s = s.substring(0, s.lastIndexOf(' ', 60));
    }
    return random.nextInt(3) == 0 ? "Re: " + s : s;
  }

  private String person() {
    return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
  }

  /** The address of a (plain ASCII) display name, on a domain fixed by the name. */
  private String address(String person) {
    String local = person.toLowerCase(Locale.ROOT).replace(' ', '.');
    return local + "@" + DOMAINS[Math.floorMod(local.hashCode(), DOMAINS.length)];
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
