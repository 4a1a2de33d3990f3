package dev.mailvault.imap.handler;

import java.util.BitSet;

/**
 * A LIST pattern (RFC 9051 §6.3.9): the reference name and the mailbox argument joined, where
 * {@code *} matches any characters and {@code %} any characters but the hierarchy delimiter. A
 * first level spelled INBOX matches case-insensitively (RFC 9051 §5.1); the rest is case-sensitive,
 * as names are.
 */
final class FolderPattern {

  static final char DELIMITER = '/';
  private static final String INBOX = "INBOX";

  private final String pattern;

  private FolderPattern(String pattern) {
    this.pattern = pattern;
  }

  /**
   * RFC 9051 §6.3.9: the mailbox argument is read relative to the reference; a delimiter where they
   * meet is not doubled. A reference without a trailing delimiter is simply prefixed, as Dovecot
   * does (the RFC leaves the rest to the implementation).
   */
  static FolderPattern of(String reference, String mailbox) {
    String joined;
    if (reference.isEmpty()) {
      joined = mailbox;
    } else if (reference.charAt(reference.length() - 1) == DELIMITER
        && !mailbox.isEmpty()
        && mailbox.charAt(0) == DELIMITER) {
      joined = reference + mailbox.substring(1);
    } else {
      joined = reference + mailbox;
    }
    return new FolderPattern(canonicalInbox(joined));
  }

  String text() {
    return pattern;
  }

  /**
   * Runs the pattern over the set of name positions reached so far, one pattern character at a
   * time: linear in pattern length times name length, whatever the wildcards (no backtracking).
   */
  boolean matches(String name) {
    String text = canonicalInbox(name);
    int length = text.length();
    BitSet reached = new BitSet(length + 1);
    reached.set(0);
    for (int p = 0; p < pattern.length() && !reached.isEmpty(); p++) {
      char c = pattern.charAt(p);
      BitSet next = new BitSet(length + 1);
      if (c == '*') {
        next.set(reached.nextSetBit(0), length + 1);
      } else if (c == '%') {
        boolean open = false;
        for (int i = 0; i <= length; i++) {
          open |= reached.get(i);
          if (open) {
            next.set(i);
          }
          if (i < length && text.charAt(i) == DELIMITER) {
            open = false;
          }
        }
      } else {
        for (int i = reached.nextSetBit(0); i >= 0 && i < length; i = reached.nextSetBit(i + 1)) {
          if (text.charAt(i) == c) {
            next.set(i + 1);
          }
        }
      }
      reached = next;
    }
    return reached.get(length);
  }

  /**
   * A first level that spells INBOX in any case becomes {@code INBOX}, in names and in patterns
   * alike (a pattern such as {@code inbox/%} then matches {@code INBOX/Sub}).
   */
  private static String canonicalInbox(String text) {
    if (text.length() >= INBOX.length()
        && text.regionMatches(true, 0, INBOX, 0, INBOX.length())
        && (text.length() == INBOX.length() || text.charAt(INBOX.length()) == DELIMITER)) {
      return INBOX + text.substring(INBOX.length());
    }
    return text;
  }
}
