package dev.mailvault.outbound.dsn;

import dev.mailvault.outbound.dsn.DsnRecipient.Action;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes a delivery status notification: a {@code multipart/report; report-type=delivery-status}
 * (RFC 6522) with a human-readable part, the {@code message/delivery-status} part (RFC 3464 §2) and
 * the original's header ({@code text/rfc822-headers}) or, for RET=FULL (RFC 3461 §4.3), the whole
 * original ({@code message/rfc822}). Pure: the same content always gives the same bytes, so a
 * report built again after a restart is the same report.
 */
public final class DsnWriter {

  private static final String CRLF = "\r\n";
  private static final int MAX_FIELD_TEXT = 900;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private DsnWriter() {}

  public static byte[] write(DsnContent dsn) {
    Action action = dsn.recipients().get(0).action();
    String boundary = boundary(dsn.messageId());
    ByteArrayOutputStream out = new ByteArrayOutputStream(dsn.original().length + 4096);
    StringBuilder head = new StringBuilder();
    head.append("From: Mail Delivery System <MAILER-DAEMON@")
        .append(dsn.reportingMta())
        .append('>')
        .append(CRLF);
    head.append("To: <").append(clean(dsn.to())).append('>').append(CRLF);
    head.append("Subject: ").append(subject(action)).append(CRLF);
    head.append("Date: ").append(DATE.format(dsn.date())).append(CRLF);
    head.append("Message-ID: <").append(dsn.messageId()).append('>').append(CRLF);
    // RFC 3834 §5: an automatic reply, so auto-responders do not answer it.
    head.append("Auto-Submitted: auto-replied").append(CRLF);
    head.append("MIME-Version: 1.0").append(CRLF);
    head.append("Content-Type: multipart/report; report-type=delivery-status;")
        .append(CRLF)
        .append("\tboundary=\"")
        .append(boundary)
        .append('"')
        .append(CRLF);
    head.append(CRLF);
    head.append("This is a delivery status notification (RFC 3464).").append(CRLF);
    head.append(CRLF).append("--").append(boundary).append(CRLF);
    head.append("Content-Type: text/plain; charset=utf-8").append(CRLF);
    head.append("Content-Transfer-Encoding: 8bit").append(CRLF).append(CRLF);
    head.append(humanText(dsn, action));
    head.append(CRLF).append("--").append(boundary).append(CRLF);
    head.append("Content-Type: message/delivery-status").append(CRLF).append(CRLF);
    head.append(statusFields(dsn));
    head.append(CRLF).append("--").append(boundary).append(CRLF);
    byte[] original = dsn.fullMessage() ? dsn.original() : headerOf(dsn.original());
    head.append("Content-Type: ")
        .append(dsn.fullMessage() ? "message/rfc822" : "text/rfc822-headers")
        .append(CRLF)
        .append(CRLF);
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(original);
    StringBuilder tail = new StringBuilder();
    if (original.length > 0 && original[original.length - 1] != '\n') {
      tail.append(CRLF);
    }
    tail.append(CRLF).append("--").append(boundary).append("--").append(CRLF);
    out.writeBytes(tail.toString().getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static String subject(Action action) {
    return switch (action) {
      case FAILED -> "Undelivered Mail Returned to Sender";
      case DELAYED -> "Delayed Mail (still being retried)";
      case DELIVERED, RELAYED -> "Successful Mail Delivery Report";
    };
  }

  private static String humanText(DsnContent dsn, Action action) {
    StringBuilder text = new StringBuilder();
    text.append("This is the mail system at ").append(dsn.reportingMta()).append('.').append(CRLF);
    text.append(CRLF);
    text.append(
            switch (action) {
              case FAILED -> "Your message could not be delivered to these recipients:";
              case DELAYED ->
                  "Your message has not been delivered yet to these recipients. It will be"
                      + CRLF
                      + "tried again; you do not need to send it again:";
              case DELIVERED, RELAYED -> "Your message was delivered to these recipients:";
            })
        .append(CRLF)
        .append(CRLF);
    for (DsnRecipient r : dsn.recipients()) {
      text.append("  <").append(clean(r.finalRecipient())).append(">: ");
      text.append(clean(r.diagnostic().replaceFirst("^[A-Za-z0-9-]+; ?", ""))).append(CRLF);
      r.willRetryUntil()
          .ifPresent(
              until ->
                  text.append("    (tried until ")
                      .append(DATE.format(until))
                      .append(')')
                      .append(CRLF));
    }
    return text.toString();
  }

  /** RFC 3464 §2.1: per-message fields, a blank line, then one block per recipient. */
  private static String statusFields(DsnContent dsn) {
    StringBuilder f = new StringBuilder();
    f.append("Reporting-MTA: dns; ").append(dsn.reportingMta()).append(CRLF);
    dsn.envelopeId()
        .ifPresent(id -> f.append("Original-Envelope-Id: ").append(clean(id)).append(CRLF));
    f.append("Arrival-Date: ").append(DATE.format(dsn.arrival())).append(CRLF);
    for (DsnRecipient r : dsn.recipients()) {
      f.append(CRLF);
      r.originalRecipient()
          .ifPresent(orcpt -> f.append("Original-Recipient: ").append(clean(orcpt)).append(CRLF));
      f.append("Final-Recipient: rfc822; ").append(clean(r.finalRecipient())).append(CRLF);
      f.append("Action: ").append(r.action().field()).append(CRLF);
      f.append("Status: ").append(r.status()).append(CRLF);
      r.remoteMta().ifPresent(mta -> f.append("Remote-MTA: dns; ").append(clean(mta)).append(CRLF));
      if (!r.diagnostic().isEmpty()) {
        f.append("Diagnostic-Code: ").append(diagnostic(r.diagnostic())).append(CRLF);
      }
      if (!r.lastAttempt().equals(Instant.EPOCH)) {
        f.append("Last-Attempt-Date: ").append(DATE.format(r.lastAttempt())).append(CRLF);
      }
      r.willRetryUntil()
          .ifPresent(
              until -> f.append("Will-Retry-Until: ").append(DATE.format(until)).append(CRLF));
    }
    return f.toString();
  }

  /** RFC 3464 §2.3.6: {@code diagnostic-type; text}; our own reasons are given as smtp replies. */
  private static String diagnostic(String text) {
    String cleaned = clean(text);
    return cleaned.matches("^[A-Za-z0-9-]+; .*") ? cleaned : "smtp; " + cleaned;
  }

  /** One line, bounded: a field must not break the report's structure (RFC 5322 §2.1.1). */
  private static String clean(String text) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ");
    return line.length() > MAX_FIELD_TEXT ? line.substring(0, MAX_FIELD_TEXT) : line;
  }

  /** The original's header section: everything up to the first empty line. */
  static byte[] headerOf(byte[] raw) {
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n'
          && (i + 1 < raw.length)
          && (raw[i + 1] == '\n'
              || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
        byte[] header = new byte[i + 1];
        System.arraycopy(raw, 0, header, 0, i + 1);
        return header;
      }
    }
    return raw;
  }

  /** Derived from the Message-ID: stable, and absent from any original (a digest). */
  private static String boundary(String messageId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
      return "=_mailvault-dsn-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
