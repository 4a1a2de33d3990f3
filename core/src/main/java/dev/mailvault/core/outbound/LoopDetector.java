package dev.mailvault.core.outbound;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a message is in a mail loop (ADR 0242), read from its header alone: more {@code Received}
 * fields than a hop limit (RFC 5321 §6.3), or a {@code Delivered-To} naming an address it is being
 * delivered to again. Shared by the MX and the queue's local deliveries; pure.
 */
public final class LoopDetector {

  private LoopDetector() {}

  /**
   * @param message the message as it arrived here, before fields of ours
   * @param maxReceived the hop limit
   * @param recipients the addresses it is being delivered to here
   */
  public static boolean loops(byte[] message, int maxReceived, Collection<String> recipients) {
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
        return true;
      }
      int colon = text.indexOf(':');
      field = colon > 0 ? text.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
      value.setLength(0);
      value.append(colon > 0 ? text.substring(colon + 1) : "");
      if ("received".equals(field) && ++received > maxReceived) {
        return true;
      }
    }
    return deliveredHere(field, value, ours);
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
