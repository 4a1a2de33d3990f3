package dev.mailvault.core.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** Turns raw header and body bytes into text for sorting, searching and previews. */
final class TextDecoding {

  private static final Charset WINDOWS_1252 = charsetOrLatin1("windows-1252");
  private static final int MAX_HEADER_TEXT = 16 * 1024;

  private TextDecoding() {}

  /**
   * Decodes a header value: raw 8-bit bytes as UTF-8 when they are valid UTF-8 (RFC 6532),
   * otherwise as windows-1252; line breaks of folding removed (RFC 5322 §2.2.3); RFC 2047 encoded
   * words decoded.
   */
  static String headerText(byte[] raw, int from, int to) {
    // Enough for any real subject or name; bounds the work on hostile input.
    String text = bytesToText(raw, from, Math.min(to, from + MAX_HEADER_TEXT), null);
    String unfolded = text.replace("\r\n", "").replace("\n", "").replace("\r", "");
    try {
      return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT).strip();
    } catch (RuntimeException e) {
      // A malformed encoded word must not cost the message its summary.
      return unfolded.strip();
    }
  }

  /** Decodes bytes in {@code charsetName}, falling back to UTF-8 or windows-1252. */
  static String bytesToText(byte[] raw, int from, int to, String charsetName) {
    Charset declared = charsetName == null ? null : lookup(charsetName);
    if (declared != null && !declared.equals(StandardCharsets.US_ASCII)) {
      return new String(raw, from, to - from, declared);
    }
    String utf8 = strictUtf8(raw, from, to);
    return utf8 != null ? utf8 : new String(raw, from, to - from, WINDOWS_1252);
  }

  private static String strictUtf8(byte[] raw, int from, int to) {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw, from, to - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static Charset lookup(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.isEmpty()) {
      return null;
    }
    try {
      return Charset.forName(n);
    } catch (RuntimeException e) {
      // Unknown or illegal charset name: fall back to guessing.
      return null;
    }
  }

  private static Charset charsetOrLatin1(String name) {
    try {
      return Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }
}
