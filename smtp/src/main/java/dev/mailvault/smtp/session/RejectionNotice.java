package dev.mailvault.smtp.session;

import dev.mailvault.core.crypto.RandomIds;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The delivery status notification a Sieve {@code reject} sends when the MX could not refuse the
 * message itself (RFC 5429 §2.1.2): another recipient of the same transaction took it, so the 250
 * was owed. A multipart/report (RFC 6522) with a delivery-status part (RFC 3464) per rejecting
 * alias and the original's header, sent from the null reverse-path to the envelope sender.
 */
final class RejectionNotice {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private RejectionNotice() {}

  /** One alias that rejected, and the reason its script gave. */
  record Rejected(String alias, String reason) {}

  /**
   * @param sender the envelope sender the notice goes to
   * @param rejected who rejected and why
   * @param originalHeader the original's header section, CRLF line ends, without the blank line
   * @param hostname our name, for the Reporting-MTA and the Message-ID
   */
  static byte[] build(
      String sender,
      List<Rejected> rejected,
      String originalHeader,
      ZonedDateTime now,
      String hostname) {
    String boundary = "=_mailvault_" + RandomIds.hex(12);
    StringBuilder out = new StringBuilder(1024 + originalHeader.length());
    out.append("From: Mail Delivery System <MAILER-DAEMON@").append(hostname).append(">\r\n");
    out.append("To: <").append(sender).append(">\r\n");
    out.append("Subject: Message rejected by the recipient's filter\r\n");
    out.append("Date: ").append(DATE.format(now)).append("\r\n");
    out.append("Message-ID: <").append(RandomIds.hex(16)).append('@').append(hostname);
    out.append(">\r\n");
    // RFC 3834 §5: an automatic message that must not be answered automatically.
    out.append("Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n");
    out.append("Content-Type: multipart/report; report-type=delivery-status;\r\n boundary=\"");
    out.append(boundary).append("\"\r\n\r\n");
    out.append("--").append(boundary).append("\r\n");
    out.append(
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
    out.append("Your message was rejected by a recipient's mail filter.\r\n\r\n");
    for (Rejected r : rejected) {
      out.append("  <").append(r.alias()).append(">: ").append(oneLine(r.reason())).append("\r\n");
    }
    out.append("\r\n--").append(boundary).append("\r\n");
    out.append("Content-Type: message/delivery-status\r\n\r\n");
    out.append("Reporting-MTA: dns; ").append(hostname).append("\r\n");
    out.append("Arrival-Date: ").append(DATE.format(now)).append("\r\n");
    for (Rejected r : rejected) {
      // RFC 3464 §2.3; RFC 5429 §2.1.2: status 5.7.1, "delivery not authorized, message refused".
      out.append("\r\nFinal-Recipient: rfc822; ").append(r.alias()).append("\r\n");
      out.append("Action: failed\r\nStatus: 5.7.1\r\n");
      out.append("Diagnostic-Code: smtp; 550 5.7.1 ").append(ascii(oneLine(r.reason())));
      out.append("\r\n");
    }
    out.append("\r\n--").append(boundary).append("\r\n");
    out.append("Content-Type: text/rfc822-headers\r\n\r\n");
    out.append(originalHeader);
    if (!originalHeader.endsWith("\r\n")) {
      out.append("\r\n");
    }
    out.append("\r\n--").append(boundary).append("--\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]+", " ").trim();
  }

  /** A delivery-status field is ASCII (RFC 3464 §2.1.1 without RFC 6533's UTF-8 types). */
  private static String ascii(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? (char) cp : '?'));
    return out.toString();
  }
}
