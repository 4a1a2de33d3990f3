package dev.mailvault.smtp.session;

import dev.mailvault.smtp.codec.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stops mail loops at the end of DATA (ADR 0242): a message that has passed more hops than the
 * limit ({@code Received} fields, RFC 5321 §6.3), or that carries a {@code Delivered-To} naming an
 * address it is being delivered to again, is refused with 554 5.4.6 (RFC 3463 §3.5 X.4.6: routing
 * loop detected). Reads only the header, as received; a pure function of the bytes.
 */
final class LoopCheck {

  static final SmtpReply LOOP =
      SmtpReply.of(554, "5.4.6", "Routing loop detected: too many hops or delivered here before");

  private LoopCheck() {}

  /**
   * @param message the message as received, before our trace fields
   * @param recipients the addresses it is delivered to here (aliases, and relayed forward-paths)
   */
  static Optional<SmtpReply> check(byte[] message, int maxReceived, Collection<String> recipients) {
    Set<String> ours =
        recipients.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    int received = 0;
    int line = 0;
    String field = null;
    StringBuilder value = new StringBuilder();
    while (line < message.length) {
      int end = line;
      while (end < message.length && message[end] != '\n') {
        end++;
      }
      int stop = end > line && message[end - 1] == '\r' ? end - 1 : end;
      String text = new String(message, line, stop - line, StandardCharsets.UTF_8);
      line = end + 1;
      if (text.isEmpty()) {
        break;
      }
      if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
        // RFC 5322 §2.2.3: a folded continuation of the field before.
        value.append(text);
        continue;
      }
      if (deliveredHere(field, value, ours)) {
        return Optional.of(LOOP);
      }
      int colon = text.indexOf(':');
      field = colon > 0 ? text.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
      value.setLength(0);
      value.append(colon > 0 ? text.substring(colon + 1) : "");
      if ("received".equals(field) && ++received > maxReceived) {
        return Optional.of(LOOP);
      }
    }
    return deliveredHere(field, value, ours) ? Optional.of(LOOP) : Optional.empty();
  }

  private static boolean deliveredHere(String field, CharSequence value, Set<String> ours) {
    if (!"delivered-to".equals(field)) {
      return false;
    }
    String address = value.toString().trim();
    if (address.startsWith("<") && address.endsWith(">")) {
      address = address.substring(1, address.length() - 1);
    }
    return ours.contains(address.toLowerCase(Locale.ROOT));
  }
}
