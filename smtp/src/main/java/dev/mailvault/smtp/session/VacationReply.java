package dev.mailvault.smtp.session;

import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.sieve.SieveAction;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The message a Sieve {@code vacation} action sends (RFC 5230 §5), built at the MX from what the
 * script said and the original's Message-ID.
 */
final class VacationReply {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  /** RFC 2047 §2: an encoded-word is at most 75 octets; 45 octets of text keep it under. */
  private static final int WORD_OCTETS = 45;

  private VacationReply() {}

  /**
   * @param reply what the script decided
   * @param alias the alias the reply is from, unless the script named another {@code :from}
   * @param inReplyTo the original's Message-ID field value, empty when it had none
   * @param now the reply's Date
   * @param hostname the domain part of the reply's Message-ID
   */
  static byte[] build(
      SieveAction.Vacation reply,
      String alias,
      List<String> inReplyTo,
      ZonedDateTime now,
      String hostname) {
    StringBuilder head = new StringBuilder(512);
    head.append("From: ").append(reply.from() != null ? reply.from() : "<" + alias + ">");
    head.append("\r\nTo: <").append(reply.to()).append(">\r\n");
    head.append("Subject: ").append(encodedWords(oneLine(reply.subject()))).append("\r\n");
    head.append("Date: ").append(DATE.format(now)).append("\r\n");
    head.append("Message-ID: <").append(RandomIds.hex(16)).append('@').append(hostname);
    head.append(">\r\n");
    if (!inReplyTo.isEmpty()) {
      // RFC 5230 §5.8: the reply names the message it answers.
      String id = oneLine(inReplyTo.get(0)).trim();
      head.append("In-Reply-To: ").append(id).append("\r\nReferences: ").append(id);
      head.append("\r\n");
    }
    // RFC 5230 §5.6 and RFC 3834 §5: so that other responders do not answer it in turn.
    head.append("Auto-Submitted: auto-replied (vacation)\r\n");
    head.append("MIME-Version: 1.0\r\n");
    if (reply.mime()) {
      // RFC 5230 :mime: the reason is a whole MIME entity, its own header fields included.
      head.append(crlf(reply.body()));
      return head.toString().getBytes(StandardCharsets.UTF_8);
    }
    String body = crlf(reply.body());
    if (body.chars().allMatch(c -> c < 0x80)) {
      head.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(body);
      return head.toString().getBytes(StandardCharsets.US_ASCII);
    }
    head.append("Content-Type: text/plain; charset=utf-8\r\n");
    head.append("Content-Transfer-Encoding: base64\r\n\r\n");
    head.append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }

  /** Text with every line ended by CRLF, the last one too. */
  private static String crlf(String text) {
    String lines = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    return lines.endsWith("\r\n") ? lines : lines + "\r\n";
  }

  /** RFC 2047 §4.1 B-encoded words for text that is not ASCII, split on character boundaries. */
  static String encodedWords(String text) {
    if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int start = 0;
    while (start < text.length()) {
      int end = start;
      int octets = 0;
      while (end < text.length()) {
        int cp = text.codePointAt(end);
        int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
        if (octets + size > WORD_OCTETS) {
          break;
        }
        octets += size;
        end += Character.charCount(cp);
      }
      if (out.length() > 0) {
        out.append("\r\n ");
      }
      out.append("=?UTF-8?B?")
          .append(
              Base64.getEncoder()
                  .encodeToString(text.substring(start, end).getBytes(StandardCharsets.UTF_8)))
          .append("?=");
      start = end;
    }
    return out.toString();
  }
}
