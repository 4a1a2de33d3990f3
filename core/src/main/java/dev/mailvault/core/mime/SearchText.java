package dev.mailvault.core.mime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The text SEARCH matches against (RFC 9051 §6.4.4), read from a stored message through its part
 * tree: header values with RFC 2047 words decoded, and the bodies of text parts with their transfer
 * encoding (RFC 2045 §6) and charset undone. Only the parts a key needs are read; the message is
 * never parsed whole again.
 */
public final class SearchText {

  /** Longer header sections are cut: enough for any real header, and it bounds hostile input. */
  static final int MAX_HEADER = 1 << 20;

  /** Between the texts of {@link #bodyText}: U+FFFD REPLACEMENT CHARACTER. */
  public static final char SEPARATOR = '\uFFFD';

  private static final char[] LATIN1_FOLDS = latin1Folds();

  private SearchText() {}

  /** The bytes of the message's own header section, read through {@code source}. */
  public static byte[] header(MimePart root, ByteSource source) throws IOException {
    long length = Math.min(root.bodyStart() - root.headerStart(), MAX_HEADER);
    return source.read(root.headerStart(), (int) length);
  }

  /**
   * The decoded values of every field named {@code name} (case-insensitive) in {@code header}, in
   * order: unfolded, 8-bit as UTF-8 (RFC 6532) or windows-1252, encoded words decoded.
   */
  public static List<String> fieldValues(byte[] header, String name) {
    List<String> values = new ArrayList<>();
    for (HeaderField f : HeaderParser.parse(header, 0, null).fields()) {
      if (f.is(name)) {
        values.add(TextDecoding.headerText(header, f.valueStart(), f.valueEnd()));
      }
    }
    return values;
  }

  /** Every field of {@code header} as {@code Name: decoded value}, one per line. */
  public static String headerText(byte[] header) {
    StringBuilder text = new StringBuilder(header.length);
    for (HeaderField f : HeaderParser.parse(header, 0, null).fields()) {
      text.append(f.name())
          .append(": ")
          .append(TextDecoding.headerText(header, f.valueStart(), f.valueEnd()))
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Whether the decoded text of a text part of the message contains {@code needle}
   * (case-insensitively, see {@link #contains}). The header of an attached message counts as body
   * text of the message that carries it. Parts are read one at a time and the search stops at the
   * first match; parts that are not text are never read.
   */
  public static boolean bodyContains(MimePart root, ByteSource source, String needle)
      throws IOException {
    String folded = fold(needle);
    return partContains(root, source, folded, 0);
  }

  /**
   * Every text {@link #bodyContains} reads, in the same order, joined by {@link #SEPARATOR}: the
   * decoded text parts and the headers of attached messages. A needle without the separator is in
   * one of them exactly when it is in the joined text.
   */
  public static String bodyText(MimePart root, ByteSource source) throws IOException {
    StringBuilder text = new StringBuilder();
    collectText(root, source, text, 0);
    return text.toString();
  }

  /**
   * The file names the parts of the message declare (Content-Disposition {@code filename}, else
   * Content-Type {@code name}), one per line; text parts' bodies are not read.
   */
  public static String attachmentNames(MimePart root, ByteSource source) throws IOException {
    StringBuilder names = new StringBuilder();
    collectNames(root, source, names, 0);
    return names.toString();
  }

  /**
   * {@code text} as an index and a stored copy keep it: folded char by char as {@link #contains}
   * folds, with NUL and unpaired surrogates (which the database cannot keep as they are) replaced
   * by {@link #SEPARATOR}. For a needle that {@link #searchable} accepts, {@code contains(text,
   * needle)} equals {@code searchForm(text).contains(searchForm(needle))}.
   */
  public static String searchForm(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c == 0) {
        chars[i] = SEPARATOR;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
          i++;
        } else {
          chars[i] = SEPARATOR;
        }
      } else if (Character.isLowSurrogate(c)) {
        chars[i] = SEPARATOR;
      } else {
        chars[i] = fold(c);
      }
    }
    return new String(chars);
  }

  /**
   * Whether {@code needle} can be looked for in a {@link #searchForm}: it holds no separator, no
   * NUL and no unpaired surrogate, which that form has replaced.
   */
  public static boolean searchable(String needle) {
    for (int i = 0; i < needle.length(); i++) {
      char c = needle.charAt(i);
      if (c == SEPARATOR || c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < needle.length()
          && Character.isLowSurrogate(needle.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Case-insensitive substring test: each char is folded as {@code toLowerCase(toUpperCase(c))}
   * (what {@link String#regionMatches(boolean, int, String, int, int)} does), so lengths never
   * change; an empty needle is contained in every text.
   */
  public static boolean contains(String haystack, String needle) {
    return containsFolded(haystack, fold(needle));
  }

  /**
   * Whether {@code haystack}, folded char by char, contains {@code folded} (a needle already
   * folded). The haystack is folded as it is scanned, not copied: a SEARCH reads every text part of
   * every message, and a folded copy of each cost most of the command's time.
   */
  static boolean containsFolded(String haystack, String folded) {
    int n = folded.length();
    if (n == 0) {
      return true;
    }
    char first = folded.charAt(0);
    int last = haystack.length() - n;
    for (int i = 0; i <= last; i++) {
      if (fold(haystack.charAt(i)) != first) {
        continue;
      }
      int k = 1;
      while (k < n && fold(haystack.charAt(i + k)) == folded.charAt(k)) {
        k++;
      }
      if (k == n) {
        return true;
      }
    }
    return false;
  }

  private static boolean partContains(MimePart part, ByteSource source, String folded, int depth)
      throws IOException {
    if (depth > StructureScanner.MAX_NESTING) {
      return false;
    }
    if (part.isMultipart()) {
      for (MimePart child : part.children()) {
        if (partContains(child, source, folded, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (part.message() != null) {
      MimePart inner = part.message();
      return containsFolded(headerText(header(inner, source)), folded)
          || partContains(inner, source, folded, depth + 1);
    }
    if (!part.mediaType().equals("text")) {
      return false;
    }
    return containsFolded(partText(part, source), folded);
  }

  private static void collectText(MimePart part, ByteSource source, StringBuilder text, int depth)
      throws IOException {
    if (depth > StructureScanner.MAX_NESTING) {
      return;
    }
    if (part.isMultipart()) {
      for (MimePart child : part.children()) {
        collectText(child, source, text, depth + 1);
      }
    } else if (part.message() != null) {
      MimePart inner = part.message();
      append(text, headerText(header(inner, source)));
      collectText(inner, source, text, depth + 1);
    } else if (part.mediaType().equals("text")) {
      append(text, partText(part, source));
    }
  }

  private static void append(StringBuilder text, String piece) {
    if (text.length() > 0) {
      text.append(SEPARATOR);
    }
    text.append(piece);
  }

  private static void collectNames(MimePart part, ByteSource source, StringBuilder names, int depth)
      throws IOException {
    if (depth > StructureScanner.MAX_NESTING) {
      return;
    }
    for (MimePart child : part.children()) {
      collectNames(child, source, names, depth + 1);
    }
    if (part.message() != null) {
      collectNames(part.message(), source, names, depth + 1);
    }
    if (part.isMultipart() || depth == 0) {
      return;
    }
    byte[] header = header(part, source);
    ContentFields content = ContentFields.of(header, HeaderParser.parse(header, 0, null).fields());
    String name = param(content.dispositionParams, "filename");
    if (name == null) {
      name = param(content.typeParams, "name");
    }
    if (name != null && !name.isEmpty()) {
      names.append(name).append('\n');
    }
  }

  private static String param(List<MimeParameters.Param> params, String name) {
    for (MimeParameters.Param p : params) {
      if (p.name().equalsIgnoreCase(name)) {
        return p.value();
      }
    }
    return null;
  }

  private static String partText(MimePart part, ByteSource source) throws IOException {
    byte[] header = header(part, source);
    ContentFields content = ContentFields.of(header, HeaderParser.parse(header, 0, null).fields());
    String charset = null;
    for (MimeParameters.Param p : content.typeParams) {
      if (p.name().equalsIgnoreCase("charset")) {
        charset = p.value();
      }
    }
    byte[] raw = source.read(part.bodyStart(), Math.toIntExact(part.bodyLength()));
    String encoding = part.transferEncoding();
    // raw is this call's own copy: 7bit, 8bit and binary need no second one
    byte[] decoded =
        TransferDecoding.transforms(encoding)
            ? TransferDecoding.decode(raw, 0, raw.length, encoding)
            : raw;
    String text = TextDecoding.bytesToText(decoded, 0, decoded.length, charset);
    return part.subType().equals("html") ? HtmlText.toText(text) : text;
  }

  static String fold(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = fold(chars[i]);
    }
    return new String(chars);
  }

  /** Latin-1 folds from a table (most mail is ASCII); the rest through {@link Character}. */
  private static char fold(char c) {
    return c < LATIN1_FOLDS.length
        ? LATIN1_FOLDS[c]
        : Character.toLowerCase(Character.toUpperCase(c));
  }

  private static char[] latin1Folds() {
    char[] table = new char[256];
    for (char c = 0; c < table.length; c++) {
      // not always Latin-1 itself: U+00B5 MICRO SIGN folds to U+03BC through U+039C
      table[c] = Character.toLowerCase(Character.toUpperCase(c));
    }
    return table;
  }
}
