package dev.mailvault.imap.codec;

/** Character classes of the IMAP grammar (RFC 9051 §9). */
final class ImapChars {

  private ImapChars() {}

  /** ATOM-CHAR: any CHAR except atom-specials {@code ( ) { SP CTL % * " \ ]}. */
  static boolean isAtomChar(int b) {
    return b > 0x20 && b < 0x7f && "(){%*\"\\]".indexOf(b) < 0;
  }

  /** ASTRING-CHAR: ATOM-CHAR or resp-specials {@code ]}. */
  static boolean isAstringChar(int b) {
    return isAtomChar(b) || b == ']';
  }

  /** tag = 1*(ASTRING-CHAR except "+"). */
  static boolean isTagChar(int b) {
    return isAstringChar(b) && b != '+';
  }

  /** list-char: ATOM-CHAR, list-wildcards or resp-specials. */
  static boolean isListChar(int b) {
    return isAstringChar(b) || b == '%' || b == '*';
  }
}
