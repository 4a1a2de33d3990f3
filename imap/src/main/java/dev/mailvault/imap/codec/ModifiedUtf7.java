package dev.mailvault.imap.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;

/**
 * Modified UTF-7, the mailbox-name encoding of IMAP4rev1 (RFC 3501 §5.1.3): printable US-ASCII
 * stands for itself except {@code &}, written {@code &-}; anything else is UTF-16BE in base64 with
 * {@code ,} for {@code /}, between {@code &} and {@code -}. IMAP4rev2 and UTF8=ACCEPT sessions use
 * UTF-8 instead (RFC 9051 §5.1, RFC 6855 §3).
 */
public final class ModifiedUtf7 {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

  private ModifiedUtf7() {}

  /** Encodes {@code name} the one canonical way. */
  public static String encode(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c == '&') {
        out.append("&-");
        i++;
      } else if (c >= 0x20 && c <= 0x7e) {
        out.append(c);
        i++;
      } else {
        int end = i;
        while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
          end++;
        }
        out.append('&');
        appendBase64(name.substring(i, end), out);
        out.append('-');
        i = end;
      }
    }
    return out.toString();
  }

  /**
   * Decodes a name sent by a rev1 client.
   *
   * @throws CharacterCodingException when {@code encoded} is not canonical modified UTF-7 (RFC 3501
   *     §5.1.3 forbids encoding printable ASCII, and a shift must hold whole UTF-16 units)
   */
  public static String decode(String encoded) throws CharacterCodingException {
    StringBuilder out = new StringBuilder(encoded.length());
    int i = 0;
    while (i < encoded.length()) {
      char c = encoded.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new MalformedInputException(i);
      }
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int end = encoded.indexOf('-', i + 1);
      if (end < 0) {
        throw new MalformedInputException(i);
      }
      if (end == i + 1) {
        out.append('&');
      } else {
        decodeBase64(encoded, i + 1, end, out);
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static void appendBase64(String chars, StringBuilder out) {
    int bits = 0;
    int bitCount = 0;
    for (int k = 0; k < chars.length(); k++) {
      bits = (bits << 16) | chars.charAt(k);
      bitCount += 16;
      while (bitCount >= 6) {
        bitCount -= 6;
        out.append(ALPHABET.charAt((bits >> bitCount) & 0x3f));
      }
      bits &= (1 << bitCount) - 1;
    }
    if (bitCount > 0) {
      out.append(ALPHABET.charAt((bits << (6 - bitCount)) & 0x3f));
    }
  }

  private static void decodeBase64(String s, int from, int to, StringBuilder out)
      throws CharacterCodingException {
    int bits = 0;
    int bitCount = 0;
    int start = out.length();
    for (int k = from; k < to; k++) {
      int value = ALPHABET.indexOf(s.charAt(k));
      if (value < 0) {
        throw new MalformedInputException(k);
      }
      bits = (bits << 6) | value;
      bitCount += 6;
      if (bitCount >= 16) {
        bitCount -= 16;
        char unit = (char) ((bits >> bitCount) & 0xffff);
        bits &= (1 << bitCount) - 1;
        if (unit >= 0x20 && unit <= 0x7e) {
          throw new MalformedInputException(k);
        }
        out.append(unit);
      }
    }
    // Leftover bits must be the zero padding of the last unit (RFC 2152 §"Rule 2").
    if (bitCount >= 6 || bits != 0) {
      throw new MalformedInputException(to - from);
    }
    for (int k = start; k < out.length(); k++) {
      char unit = out.charAt(k);
      boolean high = Character.isHighSurrogate(unit);
      boolean low = Character.isLowSurrogate(unit);
      if (high && (k + 1 == out.length() || !Character.isLowSurrogate(out.charAt(k + 1)))) {
        throw new MalformedInputException(k);
      }
      if (low && (k == start || !Character.isHighSurrogate(out.charAt(k - 1)))) {
        throw new MalformedInputException(k);
      }
    }
  }
}
