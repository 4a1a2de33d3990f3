package dev.mailvault.server.imapimport;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A source message's FLAGS as Mailvault keeps them. {@code \Recent} is dropped: it belongs to the
 * session that first saw the message (RFC 3501 §2.3.2), and IMAP4rev2 removed it. {@code \Deleted}
 * is kept, as Dovecot's dsync keeps it (ADR 0147). A keyword that is not an IMAP atom (some servers
 * accept more than RFC 9051 §9 allows) cannot be stored and is left out; the caller counts it.
 */
final class SourceFlags {

  private SourceFlags() {}

  /** The converted flags and how many keywords had to be left out. */
  record Converted(Flags flags, int droppedKeywords) {}

  static Converted convert(jakarta.mail.Flags source) {
    Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    for (jakarta.mail.Flags.Flag flag : source.getSystemFlags()) {
      if (flag == jakarta.mail.Flags.Flag.SEEN) {
        system.add(SystemFlag.SEEN);
      } else if (flag == jakarta.mail.Flags.Flag.ANSWERED) {
        system.add(SystemFlag.ANSWERED);
      } else if (flag == jakarta.mail.Flags.Flag.FLAGGED) {
        system.add(SystemFlag.FLAGGED);
      } else if (flag == jakarta.mail.Flags.Flag.DELETED) {
        system.add(SystemFlag.DELETED);
      } else if (flag == jakarta.mail.Flags.Flag.DRAFT) {
        system.add(SystemFlag.DRAFT);
      }
      // RECENT is per session; USER is the PERMANENTFLAGS \* marker, never a message's flag.
    }
    TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    int dropped = 0;
    for (String keyword : source.getUserFlags()) {
      if (isAtom(keyword)) {
        keywords.add(keyword);
      } else {
        dropped++;
      }
    }
    return new Converted(new Flags(system, keywords), dropped);
  }

  // RFC 9051 §9: flag-keyword = atom; atom-specials are ( ) { SP CTL % * " \ ]
  private static boolean isAtom(String keyword) {
    if (keyword.isEmpty() || keyword.charAt(0) == '\\') {
      return false;
    }
    for (int i = 0; i < keyword.length(); i++) {
      char c = keyword.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
