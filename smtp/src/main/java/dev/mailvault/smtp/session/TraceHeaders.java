package dev.mailvault.smtp.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header fields the MX puts on top of a message it accepts: {@code Return-Path} (RFC 5321 §4.4:
 * the final delivery records the reverse-path) and its {@code Received} trace field, with the
 * fields the arrival checks add between them: {@code Authentication-Results} (RFC 8601) and, for a
 * quarantined message, {@code X-Mailvault-Quarantine} (ADR 0206).
 */
final class TraceHeaders {

  /** RFC 5322 §3.3 date-time with a numeric zone. */
  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * What the Received field tells about one transaction.
   *
   * @param heloDomain the EHLO/HELO argument as the client gave it
   * @param clientIp the client's address, as text without brackets
   * @param byHost this server's host name
   * @param protocol the "with" keyword: SMTP, ESMTP, ESMTPS, ESMTPSA, UTF8SMTP, UTF8SMTPS
   * @param tls the TLS protocol and cipher, when TLS is on
   * @param id the transaction id (also in the 250 reply and the log)
   * @param recipients the envelope recipients; named in a "for" clause only when there is one
   */
  record Trace(
      String heloDomain,
      String clientIp,
      String byHost,
      String protocol,
      Optional<String> tls,
      String id,
      List<String> recipients) {}

  private TraceHeaders() {}

  static byte[] prepend(
      String mailFrom, List<String> arrivalFields, Trace trace, Instant arrival, byte[] message) {
    StringBuilder head = new StringBuilder(256);
    head.append("Return-Path: <").append(mailFrom).append(">\r\n");
    for (String field : arrivalFields) {
      head.append(field).append("\r\n");
    }
    head.append(received(trace, arrival));
    byte[] top = head.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(top.length + message.length);
    out.writeBytes(top);
    out.writeBytes(message);
    return out.toByteArray();
  }

  /**
   * The {@code Received} field with its CRLF (RFC 5321 §4.4: "from" Extended-Domain, "by"
   * Extended-Domain, "with", "id", "for", ";" date).
   */
  static String received(Trace trace, Instant arrival) {
    StringBuilder head = new StringBuilder(256);
    head.append("Received: from ")
        .append(safeDomain(trace.heloDomain()))
        .append(" ([")
        .append(trace.clientIp())
        .append("])\r\n");
    trace.tls().ifPresent(tls -> head.append("\t(using ").append(safeComment(tls)).append(")\r\n"));
    head.append("\tby ")
        .append(trace.byHost())
        .append(" (Mailvault) with ")
        .append(trace.protocol())
        .append(" id ")
        .append(trace.id());
    if (trace.recipients().size() == 1) {
      // RFC 5321 §7.6: naming several recipients would tell each about the others.
      head.append("\r\n\tfor <").append(trace.recipients().get(0)).append('>');
    }
    head.append(";\r\n\t").append(DATE.format(arrival)).append("\r\n");
    return head.toString();
  }

  /** The client's EHLO word, with anything that could break the header field replaced. */
  static String safeDomain(String helo) {
    StringBuilder out = new StringBuilder(helo.length());
    for (int i = 0; i < helo.length() && i < 255; i++) {
      char c = helo.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || ".-_:[]".indexOf(c) >= 0;
      out.append(ok ? c : '?');
    }
    return out.toString();
  }

  private static String safeComment(String text) {
    return text.replace('(', '[').replace(')', ']').replace('\\', '/');
  }
}
