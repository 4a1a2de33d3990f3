package dev.mailvault.core.mime;

/**
 * One entry of an address list as ENVELOPE reports it (RFC 9051 §7.5.2): a mailbox, or a group
 * start ({@code mailbox} is the group name, {@code domain} null) or a group end (all null). Values
 * are byte strings (one char per byte).
 */
record Address(String name, String route, String mailbox, String domain) {

  boolean isGroupMarker() {
    return domain == null;
  }
}
