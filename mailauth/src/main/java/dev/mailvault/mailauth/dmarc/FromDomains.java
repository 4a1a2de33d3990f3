package dev.mailvault.mailauth.dmarc;

import dev.mailvault.mailauth.dkim.HeaderField;
import dev.mailvault.mailauth.dkim.MessageHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The RFC5322.From domains of a message (RFC 7489 §3.1.1, §6.6.1): the domain of every address of
 * every From field. Comments, display names and quoted local parts are skipped; group syntax and
 * obsolete routes are not expected in a From field and yield nothing usable.
 */
final class FromDomains {

  private FromDomains() {}

  /** The domains, lower case, in order, duplicates kept; an address without a domain gives "". */
  static List<String> of(byte[] message) {
    List<String> domains = new ArrayList<>();
    for (HeaderField from : MessageHeader.parse(message).named("From")) {
      // RFC 5322 §2.2.3: unfolding removes the CRLFs of folds.
      for (String address : addresses(from.value().replaceAll("\r?\n", ""))) {
        int at = address.lastIndexOf('@');
        domains.add(at < 0 ? "" : address.substring(at + 1).strip().toLowerCase(Locale.ROOT));
      }
    }
    return domains;
  }

  /** The addr-specs of a mailbox-list: the part in angle brackets, or the bare address. */
  private static List<String> addresses(String value) {
    List<String> addresses = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    StringBuilder angle = null;
    int comment = 0;
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      if (comment > 0) {
        if (c == '\\') {
          i++;
        } else if (c == '(') {
          comment++;
        } else if (c == ')') {
          comment--;
        }
        continue;
      }
      switch (c) {
        case '"' -> quoted = true;
        case '(' -> comment++;
        case '<' -> angle = new StringBuilder();
        case '>' -> {
          if (angle != null) {
            current.setLength(0);
            current.append(angle);
            angle = null;
          }
        }
        case ',' -> {
          addIfAny(addresses, current);
          current.setLength(0);
        }
        default -> (angle != null ? angle : current).append(c);
      }
    }
    addIfAny(addresses, current);
    return addresses;
  }

  private static void addIfAny(List<String> addresses, StringBuilder current) {
    String address = current.toString().strip();
    if (!address.isEmpty()) {
      addresses.add(address);
    }
  }
}
