package dev.mailvault.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mailboxes of an address-list header field such as {@code From} (RFC 5322 §3.4, §3.6.2), for a
 * caller that must check each of them (submission's sender policy, ADR 0203). Uses the same bounded
 * parser as ENVELOPE.
 */
public final class HeaderAddresses {

  private HeaderAddresses() {}

  /**
   * Each mailbox of the unfolded field value {@code [from, to)} as {@code local@domain}, group
   * names and markers left out; empty when any entry is broken (no local part or no domain), since
   * a caller that checks addresses cannot check a broken one.
   */
  public static Optional<List<String>> mailboxes(byte[] raw, int from, int to) {
    List<String> out = new ArrayList<>();
    for (Address address : AddressParser.parse(raw, from, to)) {
      if (address.isGroupMarker()) {
        continue;
      }
      if (address.mailbox() == null
          || address.mailbox().equals(AddressParser.MISSING_MAILBOX)
          || address.domain().equals(AddressParser.MISSING_DOMAIN)
          || address.domain().equals(AddressParser.SYNTAX_ERROR)) {
        return Optional.empty();
      }
      out.add(utf8(address.mailbox()) + "@" + utf8(address.domain()));
    }
    return Optional.of(out);
  }

  /** The parser keeps one char per byte; addresses may be UTF-8 (RFC 6532). */
  private static String utf8(String bytes) {
    return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
