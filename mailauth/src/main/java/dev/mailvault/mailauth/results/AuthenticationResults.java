package dev.mailvault.mailauth.results;

import dev.mailvault.mailauth.dkim.DkimResult;
import dev.mailvault.mailauth.dkim.HeaderField;
import dev.mailvault.mailauth.dkim.MessageHeader;
import dev.mailvault.mailauth.dmarc.DmarcResult;
import dev.mailvault.mailauth.dmarc.DmarcStatus;
import dev.mailvault.mailauth.spf.SpfResult;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Authentication-Results header field (RFC 8601): writes ours, and removes any that claims to
 * be ours before it is added (§5: a field with our authserv-id that arrived with the message is
 * forged, or at best stale).
 */
public final class AuthenticationResults {

  private static final String NAME = "Authentication-Results";

  private AuthenticationResults() {}

  /**
   * The field, folded one result per line, without the final CRLF: {@code spf}, then one {@code
   * dkim} per signature ({@code dkim=none} without any), then {@code dmarc}.
   */
  public static String format(
      String authservId, SpfResult spf, List<DkimResult> dkimResults, DmarcResult dmarc) {
    List<String> results = new ArrayList<>();
    // RFC 8601 §2.7.2: the SPF identity is smtp.mailfrom (the HELO one when MAIL FROM was empty).
    results.add("spf=" + spf.status().token() + " smtp.mailfrom=" + value(spf.domain()));
    if (dkimResults.isEmpty()) {
      results.add("dkim=none");
    }
    for (DkimResult dkim : dkimResults) {
      StringBuilder result = new StringBuilder("dkim=").append(dkim.status().token());
      if (dkim.domain() != null && !dkim.domain().isEmpty()) {
        result.append(" header.d=").append(value(dkim.domain()));
      }
      if (dkim.selector() != null && !dkim.selector().isEmpty()) {
        result.append(" header.s=").append(value(dkim.selector()));
      }
      // RFC 6008 §2: header.b tells apart two signatures of one domain.
      if (dkim.signaturePrefix() != null && !dkim.signaturePrefix().isEmpty()) {
        result.append(" header.b=").append(value(dkim.signaturePrefix()));
      }
      results.add(result.toString());
    }
    StringBuilder dmarcResult = new StringBuilder("dmarc=").append(dmarc.status().token());
    if (dmarc.status() == DmarcStatus.PASS || dmarc.status() == DmarcStatus.FAIL) {
      dmarcResult.append(" (p=").append(dmarc.policy().token()).append(')');
    }
    if (!dmarc.fromDomain().isEmpty()) {
      dmarcResult.append(" header.from=").append(value(dmarc.fromDomain()));
    }
    results.add(dmarcResult.toString());
    return NAME + ": " + authservId + ";\r\n\t" + String.join(";\r\n\t", results);
  }

  /**
   * {@code message} without the Authentication-Results fields whose authserv-id is {@code
   * authservId} (compared case-insensitively, RFC 8601 §2.5); other servers' fields stay. The same
   * array comes back when there is nothing to remove.
   */
  public static byte[] stripOwn(byte[] message, String authservId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
    int headerEnd = 0;
    boolean removed = false;
    // The fields lie end to end from the first byte; what follows the last is the empty line.
    for (HeaderField field : MessageHeader.parse(message).fields()) {
      headerEnd += field.raw().length;
      if (field.isNamed(NAME)
          && authservId.equalsIgnoreCase(authservId(field.value().replaceAll("\r?\n", "")))) {
        removed = true;
      } else {
        out.writeBytes(field.raw());
      }
    }
    if (!removed) {
      return message;
    }
    out.write(message, headerEnd, message.length - headerEnd);
    return out.toByteArray();
  }

  /** RFC 8601 §2.2: the authserv-id is the first value, after any comments and blanks. */
  static String authservId(String value) {
    int at = skipCfws(value, 0);
    int end = at;
    if (end < value.length() && value.charAt(end) == '"') {
      int close = value.indexOf('"', end + 1);
      return close < 0 ? value.substring(end + 1) : value.substring(end + 1, close);
    }
    while (end < value.length()
        && value.charAt(end) != ';'
        && value.charAt(end) != '('
        && !Character.isWhitespace(value.charAt(end))) {
      end++;
    }
    return value.substring(at, end);
  }

  private static int skipCfws(String value, int from) {
    int at = from;
    int depth = 0;
    while (at < value.length()) {
      char c = value.charAt(at);
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (c == '\\' && depth > 0) {
        at++;
      } else if (depth == 0 && !Character.isWhitespace(c)) {
        return at;
      }
      at++;
    }
    return at;
  }

  /** RFC 8601 §2.2 value: a MIME token as is, anything else as a quoted-string (RFC 2045 §5.1). */
  static String value(String text) {
    boolean token = !text.isEmpty();
    for (char c : text.toCharArray()) {
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
        token = false;
        break;
      }
    }
    if (token) {
      return text;
    }
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
