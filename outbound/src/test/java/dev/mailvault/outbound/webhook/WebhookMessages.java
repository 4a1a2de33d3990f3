package dev.mailvault.outbound.webhook;

import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.outbound.DeliveryAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Messages forwarded to webhooks in the tests. */
final class WebhookMessages {

  static final String SENDER = "carol@elsewhere.test";
  static final String ALIAS = "hooks@home.test";

  /** The attachment's bytes: every octet value, so base64 and decoding are both exercised. */
  static final byte[] ATTACHMENT = attachmentBytes();

  private WebhookMessages() {}

  static byte[] simple(String marker) {
    return ("From: Carol <carol@elsewhere.test>\r\n"
            + "To: <hooks@home.test>\r\n"
            + "Subject: hello "
            + marker
            + "\r\n"
            + "Message-ID: <"
            + marker
            + "@elsewhere.test>\r\n"
            + "\r\n"
            + "Body text "
            + marker
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * multipart/mixed of a multipart/alternative (quoted-printable UTF-8 text, base64 HTML) and a
   * base64 attachment with an RFC 2231 file name; the Subject is an RFC 2047 word.
   */
  static byte[] rich() {
    String attachment =
        Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(ATTACHMENT);
    String html =
        Base64.getMimeEncoder()
            .encodeToString(
                "<p>Gr\u00fc\u00dfe <b>aus</b> K\u00f6ln</p>".getBytes(StandardCharsets.UTF_8));
    return ("From: Carol <carol@elsewhere.test>\r\n"
            + "To: <hooks@home.test>\r\n"
            + "Subject: =?UTF-8?B?"
            + Base64.getEncoder()
                .encodeToString("Caf\u00e9 \u2615 report".getBytes(StandardCharsets.UTF_8))
            + "?=\r\n"
            + "X-Folded: one\r\n two\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
            + "\r\n"
            + "preamble\r\n"
            + "--outer\r\n"
            + "Content-Type: multipart/alternative; boundary=\"inner\"\r\n"
            + "\r\n"
            + "--inner\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "Gr=C3=BC=C3=9Fe aus K=C3=B6ln, a long line that is soft-=\r\n"
            + "broken.\r\n"
            + "--inner\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + html
            + "\r\n"
            + "--inner--\r\n"
            + "--outer\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.bin\r\n"
            + "\r\n"
            + attachment
            + "\r\n"
            + "--outer--\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static OutboundRecipient target(String targetId) {
    return new OutboundRecipient(
        WebhookTransmitter.recipient(targetId), Set.of(), Optional.of("rfc822;" + ALIAS));
  }

  static DeliveryAttempt attempt(String queueId, byte[] raw, String... targetIds) {
    return new DeliveryAttempt(
        queueId,
        SENDER,
        WebhookTransmitter.DOMAIN,
        List.of(targetIds).stream().map(WebhookMessages::target).toList(),
        raw,
        Optional.empty(),
        DsnReturn.DEFAULT,
        false,
        false,
        false);
  }

  static OutboundMessage message(Instant accepted, byte[] raw, String... targetIds) {
    return new OutboundMessage(
        SENDER,
        ALIAS,
        List.of(targetIds).stream().map(WebhookMessages::target).toList(),
        raw,
        accepted,
        Optional.empty(),
        DsnReturn.DEFAULT,
        false,
        false,
        false);
  }

  private static byte[] attachmentBytes() {
    byte[] bytes = new byte[600];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    return bytes;
  }
}
